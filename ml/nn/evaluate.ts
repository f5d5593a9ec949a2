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

/** Reads the tensors `make` returns (made inside a tidy) asynchronously, then frees them. */
async function readTidy(make: () => tf.Tensor[]): Promise<Float32Array[]> {
  const tensors = tf.tidy(make)
  try {
    return (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[]
  } finally {
    tf.dispose(tensors)
  }
}

/**
 * Loss (with the L2 penalty) and metric of the current weights on a set of rows, in chunks of
 * EVAL_CHUNK rows: a CNN's activations for a whole table at once can exceed memory. Values are
 * read asynchronously, as the trainer's (Trainer.costs says why).
 */
export function evaluator(e: EvaluatorInput) {
  const units = outputUnits(e.head)
  const penalty = async () => {
    if (e.alpha <= 0 || !e.kernelIdx.length) return 0
    const [l2] = await readTidy(() => {
      const params = e.params()
      return [tf.addN(e.kernelIdx.map((i) => tf.sum(tf.square(params[i]))))]
    })
    return l2[0] * (e.alpha / 2)
  }
  return async (x: tf.Tensor2D, Y: tf.Tensor2D, y: Float64Array) => {
    const n = x.shape[0]
    let total = 0
    const pred = new Float32Array(n * units)
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start)
      const [loss, head] = await readTidy(() => {
        const out = forward(e.net, e.params(), tf.slice(x, [start, 0], [size, -1]))
        return [lossValue(e.loss, e.head, out, tf.slice(Y, [start, 0], [size, -1])), activateHead(e.head, out)]
      })
      total += loss[0] * size
      pred.set(head, start * units)
    }
    return { loss: total / n + (await penalty()), metric: metricOf(e.head, pred, y) }
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
