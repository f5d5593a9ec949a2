import * as tf from '@tensorflow/tfjs-core'
import type { EpochRecord, OptimizerSpec } from '../../runtime/values/ml'
import { activateHead, checkLoss, encodeTargets, lossValue, outputUnits, type Head, type LossChoice } from './tf-loss'
import { forward, initWeights, kernelIndices, type NetDef, type NetWeights } from './tf-net'
import { shuffleInPlace } from './table-random'
import { makeOptimizer } from './tf-optimizer'

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
  shuffle: boolean
  random: () => number
  signal: AbortSignal
  onEpoch?(record: EpochRecord, epochs: number): void
}

export interface NetTrainResult {
  weights: NetWeights
  history: EpochRecord[]
  /** 1-based epoch whose weights were kept. */
  bestEpoch: number
}

const EVAL_CHUNK = 1024

/** Lets the event loop deliver a cancel (worker message) at most every 100 ms; setTimeout costs ≥ 1 ms. */
function yielder() {
  let last = Date.now()
  return async () => {
    if (Date.now() - last < 100) return
    await new Promise((r) => setTimeout(r, 0))
    last = Date.now()
  }
}

function cancelled(): Error {
  return new Error('Training was cancelled.')
}

/**
 * Mini-batch training with `optimizer.minimize` in our own loop. Measured faster than
 * tfjs-layers' `model.fit` on the wasm backend (nodes/shared/tf-train.bench.ts), and it gives
 * per-batch cancel, seeded shuffling and dropout, and early stopping with best-weight restore.
 * Every tensor it creates is disposed before it returns or throws.
 */
export async function trainNet(input: NetTrainInput): Promise<NetTrainResult> {
  const { net, head, loss, rows } = input
  checkLoss(loss, head)
  const init = initWeights(net, input.random)
  const vars = init.values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, init.shapes[i]), true)))
  const kernels = kernelIndices(init).map((i) => vars[i])
  const optimizer = makeOptimizer(input.optimizer)
  const Xt = tf.tensor2d(Float32Array.from(input.X), [rows, net.inputDim])
  const Yt = encodeTargets(head, input.y)
  const val = input.val && {
    X: tf.tensor2d(Float32Array.from(input.val.X), [input.val.rows, net.inputDim]),
    Y: encodeTargets(head, input.val.y),
    y: input.val.y,
  }
  const hasDropout = net.layers.some((l) => l.kind === 'dropout' && l.rate > 0)
  const objective = (out: tf.Tensor, y: tf.Tensor) => {
    const data = lossValue(loss, head, out, y)
    if (input.alpha <= 0 || kernels.length === 0) return data
    const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k))))
    return tf.add(data, tf.mul(l2, input.alpha / 2)) as tf.Scalar
  }
  // In chunks: a CNN's activations for a whole table at once can exceed memory.
  const evaluate = (x: tf.Tensor2D, Y: tf.Tensor2D, y: Float64Array) => {
    const n = x.shape[0]
    let total = 0
    const pred = new Float32Array(n * outputUnits(head))
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start)
      tf.tidy(() => {
        const xs = tf.slice(x, [start, 0], [size, -1])
        const out = forward(net, vars, xs)
        total += lossValue(loss, head, out, tf.slice(Y, [start, 0], [size, -1])).dataSync()[0] * size
        pred.set(activateHead(head, out).dataSync() as Float32Array, start * outputUnits(head))
      })
    }
    return { loss: total / n + penalty(), metric: metricOf(head, pred, y) }
  }
  const penalty = () =>
    input.alpha > 0 && kernels.length ? tf.tidy(() => tf.addN(kernels.map((k) => tf.sum(tf.square(k)))).dataSync()[0] * (input.alpha / 2)) : 0

  const history: EpochRecord[] = []
  let best = { loss: Infinity, epoch: 0, values: null as Float32Array[] | null }
  let stale = 0
  const pause = yielder()
  const order = Int32Array.from({ length: rows }, (_, i) => i)
  const batch = Math.max(1, Math.min(input.batchSize, rows))
  let running: tf.Tensor | undefined
  try {
    for (let epoch = 1; epoch <= input.epochs; epoch++) {
      if (input.shuffle) shuffleInPlace(order, input.random)
      // Running sums stay on the device and are read once per epoch: no sync per batch, and no
      // second pass over the training rows for the curve (the epoch's batches give it, as in Keras).
      let sums = tf.zeros([4])
      running = sums
      for (let start = 0; start < rows; start += batch) {
        if (input.signal.aborted) throw cancelled()
        const idx = order.subarray(start, Math.min(rows, start + batch))
        const seed = hasDropout ? Math.floor(input.random() * 2 ** 31) : undefined
        const next = tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32')
          const xb = tf.gather(Xt, it)
          const yb = tf.gather(Yt, it)
          let out: tf.Tensor | undefined
          const cost = optimizer.minimize(() => objective((out = tf.keep(forward(net, vars, xb, seed))), yb), true, vars as tf.Variable[])!
          const stats = batchStats(head, out!, yb)
          out!.dispose()
          return tf.add(sums, tf.concat([tf.reshape(tf.mul(cost, idx.length), [1]), stats]))
        })
        sums.dispose()
        running = sums = next
        await pause()
      }
      const [lossSum, s0, s1, s2] = sums.dataSync()
      sums.dispose()
      const trainLoss = lossSum / rows
      if (!Number.isFinite(trainLoss)) {
        throw new Error(`loss diverged at epoch ${epoch} — lower the learning rate`)
      }
      const metric = head.kind === 'regression' ? rSquared(s0, s1, s2, rows) : s0 / rows
      const record: EpochRecord = { epoch, loss: trainLoss, metric }
      if (val) {
        const v = evaluate(val.X, val.Y, val.y)
        record.valLoss = v.loss
        record.valMetric = v.metric
      }
      history.push(record)
      input.onEpoch?.(record, input.epochs)
      if (input.patience > 0) {
        const watched = record.valLoss ?? record.loss
        if (watched < best.loss) {
          best = { loss: watched, epoch, values: vars.map((v) => Float32Array.from(v.dataSync() as Float32Array)) }
          stale = 0
        } else if (++stale >= input.patience) break
      }
    }
    const values = best.values ?? vars.map((v) => Float32Array.from(v.dataSync() as Float32Array))
    return { weights: { shapes: init.shapes, values }, history, bestEpoch: best.values ? best.epoch : history.length }
  } finally {
    vars.forEach((v) => v.dispose())
    optimizer.dispose()
    tf.dispose([Xt, Yt, ...(val ? [val.X, val.Y] : []), ...(running ? [running] : [])])
  }
}

/**
 * Sums over one batch, from the training-mode outputs: [correct, 0, 0] for classifiers;
 * [Σ(y − ŷ)², Σy, Σy²] for regression (enough for R² over the epoch).
 */
function batchStats(head: Head, out: tf.Tensor, y: tf.Tensor): tf.Tensor1D {
  if (head.kind === 'regression') {
    return tf.stack([tf.sum(tf.squaredDifference(y, out)), tf.sum(y), tf.sum(tf.square(y))]) as tf.Tensor1D
  }
  const hits =
    head.kind === 'binary'
      ? tf.sum(tf.cast(tf.equal(tf.greaterEqual(out, 0), tf.greaterEqual(y, 0.5)), 'float32'))
      : tf.sum(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(y, 1)), 'float32'))
  return tf.stack([hits, tf.scalar(0), tf.scalar(0)]) as tf.Tensor1D
}

function rSquared(ssRes: number, sumY: number, sumY2: number, n: number): number {
  const ssTot = sumY2 - (sumY * sumY) / n
  return ssTot > 0 ? 1 - ssRes / ssTot : 0
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
