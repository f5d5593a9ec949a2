import * as tf from '@tensorflow/tfjs-core'
import { trainNet } from '../../../ml/nn/train'
import { seededRandom } from '../../../runtime/exec/rng'

// The work every backend is timed on, in Node (parts/backends.ts) and in Chromium (browser/page.ts).

const CHAIN = 4

/**
 * Milliseconds per n×n matmul, from a chain read back once (the read forces the work on async
 * backends). The read is asynchronous: tfjs' synchronous read on WebGPU destroys a SwiftShader
 * device (tests/bench/README.md, WebGPU).
 */
export async function matmulMs(n: number): Promise<number> {
  const a = tf.randomUniform([n, n], -0.05, 0.05, 'float32', 1) as tf.Tensor2D
  await a.data()
  const t0 = performance.now()
  const x = tf.tidy(() => {
    let x = a
    for (let i = 0; i < CHAIN; i++) x = tf.matMul(x, a)
    return x
  })
  await x.data()
  tf.dispose([a, x])
  return (performance.now() - t0) / CHAIN
}

/** One epoch of the benchmark MLP (20 → 64 → 64 → 1, Adam, batch 64) through the train node's loop. */
export async function mlpEpoch(rows: number): Promise<number> {
  const random = seededRandom(7)
  const features = 20
  const X = Float64Array.from({ length: rows * features }, () => random() * 2 - 1)
  const y = Float64Array.from({ length: rows }, (_, i) => (X[i * features] + X[i * features + 1] > 0 ? 1 : 0))
  const t0 = performance.now()
  await trainNet({
    net: {
      inputDim: features,
      layers: [
        { kind: 'dense', units: 64, activation: 'relu' },
        { kind: 'dense', units: 64, activation: 'relu' },
        { kind: 'dense', units: 1, activation: 'linear' },
      ],
    },
    head: { kind: 'binary' },
    loss: { name: 'binary-crossentropy', config: {} },
    optimizer: { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } },
    alpha: 0,
    X,
    rows,
    y,
    epochs: 1,
    batchSize: 64,
    patience: 0,
    shuffle: true,
    random,
    signal: new AbortController().signal,
  })
  return performance.now() - t0
}
