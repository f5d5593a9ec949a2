import * as tf from '@tensorflow/tfjs-core'
import type { EpochRecord, OptimizerSpec } from '../../runtime/values/ml'
import { checkLoss, encodeTargets, lossValue, type Head, type LossChoice } from './loss'
import { initWeights, kernelIndices, type NetDef, type NetWeights } from './net'
import { shuffleInPlace } from '../table/random'
import { requireFloat32 } from '../table/magnitude'
import { makeTrainer, type Trainer } from './trainer'
import { epochRandom, readCheckpoint, type NetCheckpoint } from './checkpoint'
import { FitCancelled, yieldEvery } from '../cancel'
import { EarlyStop, type EarlyStopOptions } from './early-stop'
import { evaluator } from './evaluate'

/** What to train and how; patience, minDelta and watchTrainingLoss are early stopping's (EarlyStopOptions). */
export interface NetTrainInput extends EarlyStopOptions {
  net: NetDef
  head: Head
  loss: LossChoice
  optimizer: OptimizerSpec
  /** L2 strength: objective = mean loss + alpha/2 · ‖kernels‖² (scikit-learn's SGDClassifier convention). */
  alpha: number
  X: Float64Array
  rows: number
  y: Float64Array
  val?: { X: Float64Array; rows: number; y: Float64Array }
  epochs: number
  batchSize: number
  /** Adjusts the drawn starting weights in place (a family's output bias at the base rate, zero kernels for a linear model). */
  initialize?(weights: NetWeights): void
  shuffle: boolean
  /** Draws the initial weights and the seed of every epoch's stream (shuffle, dropout): see epochRandom. */
  random: () => number
  signal: AbortSignal
  onEpoch?(record: EpochRecord, epochs: number): void
  /** A shorter run of this same training to go on from (ignored when it does not fit this network). */
  resume?: unknown
}

export interface NetTrainResult {
  weights: NetWeights
  history: EpochRecord[]
  /** 1-based epoch whose weights were kept. */
  bestEpoch: number
  /** Where this run ended, to continue it with more epochs. */
  checkpoint: NetCheckpoint
  /** Epochs taken over from `resume` (0 when it trained from scratch). */
  resumedEpochs: number
}

const PROBE_ROWS = 4096

/**
 * Mini-batch training in our own loop: a WebAssembly SIMD kernel or hand-written gradients for dense
 * stacks (trainer.ts says which), `optimizer.minimize` for the rest. Measured against
 * tfjs-layers' `model.fit` and a hand-written loop by `npm run bench` (overhead rows), and it gives
 * per-batch cancel, seeded shuffling and dropout, and early stopping with best-weight restore.
 * Every tensor it creates is disposed before it returns or throws.
 */
export async function trainNet(input: NetTrainInput): Promise<NetTrainResult> {
  const { net, head, loss, rows } = input
  checkLoss(loss, head)
  // Data beyond float32 turns into Infinity in the tensors; say so rather than blame the learning rate.
  requireFloat32(input.X, 'training features')
  if (head.kind === 'regression') requireFloat32(input.y, 'training targets')
  const { from, init, epochSeed } = startingPoint(input)
  const kernelIdx = kernelIndices(init)
  const data = trainingTensors(input)
  const batch = Math.max(1, Math.min(input.batchSize, rows))
  const objective = l2Objective(input)
  const { X, Xt, Yt } = data
  const trainer = await makeTrainer({ net, init, optimizer: input.optimizer, loss, head, alpha: input.alpha, objective, kernelIdx, X, Xt, Yt, rows, batch }).catch(
    (e: unknown) => {
      tf.dispose(data.tensors)
      throw e
    },
  )
  const evaluate = evaluator({ net, head, loss, alpha: input.alpha, kernelIdx, params: () => trainer.params() })
  const history: EpochRecord[] = from ? [...from.history] : []
  const stop = new EarlyStop(input, from)
  const epochs = epochRunner(input, trainer, epochSeed, batch)
  try {
    if (from) await trainer.restoreOptimizer(from.optimizer)
    for (let epoch = history.length + 1; epoch <= input.epochs && !stop.stopped; epoch++) {
      const record: EpochRecord = { epoch, loss: await epochs.run(epoch), metric: (await evaluate(data.probe.X, data.probe.Y, data.probeY)).metric }
      if (data.val) {
        const v = await evaluate(data.val.X, data.val.Y, data.val.y)
        record.valLoss = v.loss
        record.valMetric = v.metric
      }
      history.push(record)
      input.onEpoch?.(record, input.epochs)
      await stop.watch(record, () => trainer.values())
    }
    const last = await trainer.values()
    const checkpoint: NetCheckpoint = { epoch: history.length, weights: last, optimizer: await trainer.saveOptimizer(), history, ...stop.state(), epochSeed }
    const { best } = stop
    const weights = { shapes: init.shapes, values: best.values ?? last }
    return { weights, history, bestEpoch: best.values ? best.epoch : history.length, checkpoint, resumedEpochs: from?.epoch ?? 0 }
  } finally {
    trainer.dispose()
    tf.dispose(data.tensors)
  }
}

/**
 * The weights to start from: freshly drawn (then `initialize`d), or a checkpoint's from `resume`
 * when it fits this network and is not past `epochs`. The draws happen in the same order either way.
 */
function startingPoint(input: NetTrainInput) {
  const drawn = initWeights(input.net, input.random)
  const found = readCheckpoint(input.resume, drawn.values.map((v) => v.length))
  const from = found && found.epoch <= input.epochs ? found : undefined
  const epochSeed = from?.epochSeed ?? Math.floor(input.random() * 2 ** 32)
  if (!from) input.initialize?.(drawn)
  const init: NetWeights = from ? { shapes: drawn.shapes, values: from.weights } : drawn
  return { from, init, epochSeed }
}

/** The training rows as float32 and tensors, the validation rows, and the probe rows the per-epoch training metric is measured on. */
function trainingTensors(input: NetTrainInput) {
  const { net, head, rows } = input
  const X = Float32Array.from(input.X)
  const Xt = tf.tensor2d(X, [rows, net.inputDim])
  const Yt = encodeTargets(head, input.y)
  const val = input.val && {
    X: tf.tensor2d(Float32Array.from(input.val.X), [input.val.rows, net.inputDim]),
    Y: encodeTargets(head, input.val.y),
    y: input.val.y,
  }
  // The training metric per epoch is measured on at most PROBE_ROWS evenly spaced training rows
  // (all of them for small tables): the whole set costs a forward pass over every row each epoch
  // (~7 % of a 16 000-row epoch), and counting per batch adds ops to every step.
  const probeIdx = Int32Array.from({ length: Math.min(rows, PROBE_ROWS) }, (_, i) => Math.floor((i * rows) / Math.min(rows, PROBE_ROWS)))
  const probe = tf.tidy(() => {
    const it = tf.tensor1d(probeIdx, 'int32')
    return { X: tf.gather(Xt, it) as tf.Tensor2D, Y: tf.gather(Yt, it) as tf.Tensor2D }
  })
  const probeY = Float64Array.from(probeIdx, (i) => input.y[i])
  const tensors = [Xt, Yt, probe.X, probe.Y, ...(val ? [val.X, val.Y] : [])]
  return { X, Xt, Yt, val, probe, probeY, tensors }
}

/** Mean loss plus alpha/2 · ‖kernels‖² (the objective the tape trainer differentiates). */
function l2Objective(input: NetTrainInput) {
  return (out: tf.Tensor, y: tf.Tensor, kernels: tf.Tensor[]) => {
    const data = lossValue(input.loss, input.head, out, y)
    if (input.alpha <= 0 || kernels.length === 0) return data
    const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k))))
    return tf.add(data, tf.mul(l2, input.alpha / 2)) as tf.Scalar
  }
}

/**
 * How often training gives the event loop a turn: a cancel arrives within that, and so do a pool's
 * messages when it runs on the thread that feeds the pool (a worker that has started, a result to
 * hand on), which would otherwise wait for this node's next yield.
 */
const YIELD_EVERY_MS = 10

/** Runs one epoch of optimizer steps over shuffled batches; `run` returns the epoch's mean training loss. */
function epochRunner(input: NetTrainInput, trainer: Trainer, epochSeed: number, batch: number) {
  const { rows } = input
  const hasDropout = input.net.layers.some((l) => l.kind === 'dropout' && l.rate > 0)
  const pause = yieldEvery(YIELD_EVERY_MS)
  const order = new Int32Array(rows)
  const run = async (epoch: number) => {
    // Each epoch shuffles the rows in their original order with its own stream, so a run continued
    // from epoch k draws exactly what an uninterrupted run draws.
    const random = epochRandom(epochSeed, epoch)
    for (let i = 0; i < rows; i++) order[i] = i
    if (input.shuffle) shuffleInPlace(order, random)
    // Batch costs are read once per epoch (no sync per batch).
    for (let start = 0; start < rows; start += batch) {
      if (input.signal.aborted) throw new FitCancelled()
      const seed = hasDropout ? Math.floor(random() * 2 ** 31) : undefined
      trainer.step(order, start, Math.min(rows, start + batch), seed)
      await pause()
    }
    const costs = await trainer.costs()
    let lossSum = 0
    costs.forEach((c, i) => (lossSum += c * Math.min(batch, rows - i * batch)))
    const trainLoss = lossSum / rows
    if (!Number.isFinite(trainLoss)) {
      throw new Error(`loss diverged at epoch ${epoch} — lower the learning rate`)
    }
    return trainLoss
  }
  return { run }
}
