import * as tf from '@tensorflow/tfjs-core'
import { trainNet } from '../../../nodes/shared/tf-train'
import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import { seededRandom } from '../../../runtime/exec/rng'
import type { Figure, PartResult } from '../report'
import { median } from '../lib/stats'

/** Ten chained n×n matmuls, read back once (the read forces the work on async backends). */
function matmulChain(n: number): number {
  const t0 = performance.now()
  tf.tidy(() => {
    const a = tf.randomUniform([n, n], -0.05, 0.05, 'float32', 1)
    let x: tf.Tensor2D = a as tf.Tensor2D
    for (let i = 0; i < 10; i++) x = tf.matMul(x, a as tf.Tensor2D)
    x.dataSync()
  })
  return performance.now() - t0
}

/** One epoch of the benchmark MLP (20 → 64 → 64 → 1, Adam, batch 64) through the train node's loop. */
async function mlpEpoch(rows: number): Promise<number> {
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

/**
 * The same work on every backend Node offers (wasm, cpu), as ratios to wasm, and whether the
 * automatic choice (setupNodeBackend without a forced backend) picks the fastest.
 */
export async function measureBackends(rows: number, matmulSize: number, repeats: number): Promise<PartResult> {
  const names = ['wasm', 'cpu'] as const
  const times: Record<string, { matmulMs: number; epochMs: number }> = {}
  for (const name of names) {
    await setupNodeBackend(name)
    matmulChain(matmulSize)
    await mlpEpoch(Math.min(rows, 256))
    const mm: number[] = []
    const ep: number[] = []
    for (let r = 0; r < repeats; r++) {
      mm.push(matmulChain(matmulSize))
      ep.push(await mlpEpoch(rows))
    }
    times[name] = { matmulMs: median(mm), epochMs: median(ep) }
  }
  const auto = await setupNodeBackend()
  const fastest = names.reduce((a, b) => (times[a].epochMs <= times[b].epochMs ? a : b))
  const figures: Figure[] = names.flatMap((name) => [
    {
      key: `backendRatio.${name}`,
      label: `${name}: MLP epoch time / wasm`,
      value: times[name].epochMs / times.wasm.epochMs,
      unit: 'x' as const,
      note: `${times[name].epochMs.toFixed(0)} ms per epoch of ${rows} rows; 10 × ${matmulSize}² matmul ${times[name].matmulMs.toFixed(0)} ms`,
    },
  ])
  figures.push({
    key: 'autoBackendFastest',
    label: 'automatic backend choice is the fastest',
    value: auto === fastest ? 1 : 0,
    unit: 'bool',
    target: { op: '=', value: 1 },
    note: `picked ${auto}, fastest ${fastest}`,
  })
  return { figures, details: { rows, matmulSize, times, auto, fastest } }
}
