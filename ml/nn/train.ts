import * as tf from '@tensorflow/tfjs-core'
import type { EpochRecord, OptimizerSpec } from '../../runtime/values/ml'
import { activateHead, checkLoss, encodeTargets, lossValue, outputUnits, type Head, type LossChoice } from './loss'
import { forward, initWeights, kernelIndices, type NetDef, type NetWeights } from './net'
import { shuffleInPlace } from '../table/random'
import { requireFloat32 } from '../table/magnitude'
import { makeTrainer } from './trainer'
import { epochRandom, readCheckpoint, type NetCheckpoint } from './checkpoint'
import { FitCancelled, yieldEvery } from '../cancel'

export interface NetTrainInput {
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
  /** Stop after this many epochs without a better validation loss and restore the best weights; 0 = off. */
  patience: number
  /** An epoch counts as better only when it lowers the watched loss by more than this (scikit-learn's tol); default 0. */
  minDelta?: number
  /**
   * Patience watches the training loss even when there are validation rows: a convergence stop as
   * scikit-learn's SGD/MLP with early_stopping=False (tol, n_iter_no_change), not early stopping.
   */
  watchTrainingLoss?: boolean
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

const EVAL_CHUNK = 1024
const PROBE_ROWS = 4096

/**
 * Mini-batch training in our own loop: a WebAssembly SIMD kernel or hand-written gradients for dense
 * stacks (trainer.ts says which), `optimizer.minimize` for the rest. Measured faster than
 * tfjs-layers' `model.fit` on the wasm backend (ml/nn/train.bench.ts), and it gives
 * per-batch cancel, seeded shuffling and dropout, and early stopping with best-weight restore.
 * Every tensor it creates is disposed before it returns or throws.
 */
export async function trainNet(input: NetTrainInput): Promise<NetTrainResult> {
  const { net, head, loss, rows } = input
  checkLoss(loss, head)
  // Data beyond float32 turns into Infinity in the tensors; say so rather than blame the learning rate.
  requireFloat32(input.X, 'training features')
  if (head.kind === 'regression') requireFloat32(input.y, 'training targets')
  const drawn = initWeights(net, input.random)
  const found = readCheckpoint(input.resume, drawn.values.map((v) => v.length))
  const from = found && found.epoch <= input.epochs ? found : undefined
  const epochSeed = from?.epochSeed ?? Math.floor(input.random() * 2 ** 32)
  if (!from) input.initialize?.(drawn)
  const init = from ? { shapes: drawn.shapes, values: from.weights } : drawn
  const kernelIdx = kernelIndices(init)
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
  const hasDropout = net.layers.some((l) => l.kind === 'dropout' && l.rate > 0)
  const objective = (out: tf.Tensor, y: tf.Tensor, kernels: tf.Tensor[]) => {
    const data = lossValue(loss, head, out, y)
    if (input.alpha <= 0 || kernels.length === 0) return data
    const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k))))
    return tf.add(data, tf.mul(l2, input.alpha / 2)) as tf.Scalar
  }
  const batch = Math.max(1, Math.min(input.batchSize, rows))
  const tensors = [Xt, Yt, probe.X, probe.Y, ...(val ? [val.X, val.Y] : [])]
  const trainer = await makeTrainer({ net, init, optimizer: input.optimizer, loss, head, alpha: input.alpha, objective, kernelIdx, X, Xt, Yt, rows, batch }).catch(
    (e: unknown) => {
      tf.dispose(tensors)
      throw e
    },
  )
  // In chunks: a CNN's activations for a whole table at once can exceed memory.
  const evaluate = (x: tf.Tensor2D, Y: tf.Tensor2D, y: Float64Array) => {
    const n = x.shape[0]
    let total = 0
    const pred = new Float32Array(n * outputUnits(head))
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start)
      tf.tidy(() => {
        const xs = tf.slice(x, [start, 0], [size, -1])
        const out = forward(net, trainer.params(), xs)
        total += lossValue(loss, head, out, tf.slice(Y, [start, 0], [size, -1])).dataSync()[0] * size
        pred.set(activateHead(head, out).dataSync() as Float32Array, start * outputUnits(head))
      })
    }
    return { loss: total / n + penalty(), metric: metricOf(head, pred, y) }
  }
  const penalty = () =>
    input.alpha > 0 && kernelIdx.length
      ? tf.tidy(() => {
          const params = trainer.params()
          return tf.addN(kernelIdx.map((i) => tf.sum(tf.square(params[i])))).dataSync()[0] * (input.alpha / 2)
        })
      : 0

  const history: EpochRecord[] = from ? [...from.history] : []
  let best = from?.best ? { ...from.best } : { loss: Infinity, epoch: 0, values: null as Float32Array[] | null }
  let stale = from?.stale ?? 0
  let stopped = from?.stopped ?? false
  const pause = yieldEvery(100)
  const order = new Int32Array(rows)
  try {
    if (from) await trainer.restoreOptimizer(from.optimizer)
    for (let epoch = history.length + 1; epoch <= input.epochs && !stopped; epoch++) {
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
      const batchCosts = trainer.costs()
      let lossSum = 0
      batchCosts.forEach((c, i) => (lossSum += c * Math.min(batch, rows - i * batch)))
      const trainLoss = lossSum / rows
      if (!Number.isFinite(trainLoss)) {
        throw new Error(`loss diverged at epoch ${epoch} — lower the learning rate`)
      }
      const metric = evaluate(probe.X, probe.Y, probeY).metric
      const record: EpochRecord = { epoch, loss: trainLoss, metric }
      if (val) {
        const v = evaluate(val.X, val.Y, val.y)
        record.valLoss = v.loss
        record.valMetric = v.metric
      }
      history.push(record)
      input.onEpoch?.(record, input.epochs)
      if (input.patience > 0) {
        const watched = input.watchTrainingLoss ? record.loss : (record.valLoss ?? record.loss)
        if (watched < best.loss - (input.minDelta ?? 0)) {
          best = { loss: watched, epoch, values: trainer.values() }
          stale = 0
        } else if (++stale >= input.patience) stopped = true
      }
    }
    const last = trainer.values()
    const checkpoint: NetCheckpoint = {
      epoch: history.length,
      weights: last,
      optimizer: await trainer.saveOptimizer(),
      history,
      ...(best.values ? { best: { loss: best.loss, epoch: best.epoch, values: best.values } } : {}),
      stale,
      stopped,
      epochSeed,
    }
    const weights = { shapes: init.shapes, values: best.values ?? last }
    return { weights, history, bestEpoch: best.values ? best.epoch : history.length, checkpoint, resumedEpochs: from?.epoch ?? 0 }
  } finally {
    trainer.dispose()
    tf.dispose(tensors)
  }
}

/** Accuracy for classifiers, R² for regression (scikit-learn's `score`). */
function metricOf(head: Head, p: Float32Array, y: Float64Array): number {
  const n = y.length
  if (head.kind === 'regression') {
    let mean = 0
    for (const v of y) mean += v / n
    let ssRes = 0
    let ssTot = 0
    for (let i = 0; i < n; i++) {
      ssRes += (y[i] - p[i]) ** 2
      ssTot += (y[i] - mean) ** 2
    }
    return ssTot > 0 ? 1 - ssRes / ssTot : 0
  }
  let hits = 0
  if (head.kind === 'binary') for (let i = 0; i < n; i++) hits += (p[i] >= 0.5 ? 1 : 0) === y[i] ? 1 : 0
  else {
    const k = head.classes
    for (let i = 0; i < n; i++) {
      let arg = 0
      for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + arg]) arg = j
      hits += arg === y[i] ? 1 : 0
    }
  }
  return hits / n
}
