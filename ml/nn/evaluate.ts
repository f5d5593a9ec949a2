import * as tf from '@tensorflow/tfjs-core'
import { activateHead, lossValue, outputUnits, type Head, type LossChoice } from './loss'
import { forward, type NetDef } from './net'

const EVAL_CHUNK = 1024

export interface EvaluatorInput {
  net: NetDef
  head: Head
  loss: LossChoice
  /** L2 strength: the reported loss adds alpha/2 · ‖kernels‖², as the training objective does. */
  alpha: number
  /** Indices of the kernels among the weights (the biases are not penalised). */
  kernelIdx: number[]
  /** The current weights as tensors; called inside a tidy. */
  params(): tf.Tensor[]
}

/**
 * Loss (with the L2 penalty) and metric of the current weights on a set of rows, in chunks of
 * EVAL_CHUNK rows: a CNN's activations for a whole table at once can exceed memory.
 */
export function evaluator(e: EvaluatorInput) {
  const units = outputUnits(e.head)
  const penalty = () =>
    e.alpha > 0 && e.kernelIdx.length
      ? tf.tidy(() => {
          const params = e.params()
          return tf.addN(e.kernelIdx.map((i) => tf.sum(tf.square(params[i])))).dataSync()[0] * (e.alpha / 2)
        })
      : 0
  return (x: tf.Tensor2D, Y: tf.Tensor2D, y: Float64Array) => {
    const n = x.shape[0]
    let total = 0
    const pred = new Float32Array(n * units)
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start)
      tf.tidy(() => {
        const xs = tf.slice(x, [start, 0], [size, -1])
        const out = forward(e.net, e.params(), xs)
        total += lossValue(e.loss, e.head, out, tf.slice(Y, [start, 0], [size, -1])).dataSync()[0] * size
        pred.set(activateHead(e.head, out).dataSync() as Float32Array, start * units)
      })
    }
    return { loss: total / n + penalty(), metric: metricOf(e.head, pred, y) }
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
