/**
 * Custom loop (trainNet: optimizer.minimize per batch) vs tfjs-layers model.fit on the same
 * network: 20000 × 20 rows, 2 × 64 relu hidden units, 10 epochs, batch 64, Adam, wasm backend.
 * Run: npx tsx ml/nn/train.bench.ts
 */
import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { seededRandom } from '../../runtime/exec/rng'
import { trainNet } from './train'

const ROWS = 20000
const COLS = 20
const EPOCHS = 10
const BATCH = 64

/** CPU time since `start`: steadier than wall time on a shared machine. */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start)
  return (u.user + u.system) / 1000
}

async function main() {
  console.log('backend', await setupNodeBackend())
  const r = seededRandom(1)
  const X = Float64Array.from({ length: ROWS * COLS }, () => 2 * r() - 1)
  const y = Float64Array.from({ length: ROWS }, (_, i) => X[i * COLS] - 2 * X[i * COLS + 1] + X[i * COLS + 2] * X[i * COLS + 3])

  const loop = async () => {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const res = await trainNet({
      net: {
        inputDim: COLS,
        layers: [
          { kind: 'dense', units: 64, activation: 'relu' },
          { kind: 'dense', units: 64, activation: 'relu' },
          { kind: 'dense', units: 1, activation: 'linear' },
        ],
      },
      head: { kind: 'regression' },
      loss: { name: 'mse', config: {} },
      optimizer: { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } },
      alpha: 0,
      X,
      rows: ROWS,
      y,
      epochs: EPOCHS,
      batchSize: BATCH,
      patience: 0,
      shuffle: true,
      random: seededRandom(2),
      signal: new AbortController().signal,
    })
    return { ms: performance.now() - t0, cpu: cpuMs(c0), loss: res.history.at(-1)!.loss }
  }

  const fit = async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [COLS], units: 64, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
        tfl.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
        tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }),
      ],
    })
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' })
    const xs = tf.tensor2d(Float32Array.from(X), [ROWS, COLS])
    const ys = tf.tensor2d(Float32Array.from(y), [ROWS, 1])
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const h = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: true, verbose: 0 })
    const ms = performance.now() - t0
    const cpu = cpuMs(c0)
    tf.dispose([xs, ys])
    model.dispose()
    return { ms, cpu, loss: (h.history.loss as number[]).at(-1)! }
  }

  for (let round = 0; round < 3; round++) {
    const a = await loop()
    const b = await fit()
    const show = (x: { ms: number; cpu: number; loss: number }) => `${x.ms.toFixed(0)} ms wall, ${x.cpu.toFixed(0)} ms CPU (loss ${x.loss.toFixed(4)})`
    console.log(`round ${round + 1}: custom loop ${show(a)}; model.fit ${show(b)}`)
  }
}

void main()
