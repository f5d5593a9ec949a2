import * as tf from '@tensorflow/tfjs-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { seededRandom } from '../../runtime/exec/rng'
import type { NetDef } from './net'
import { trainNet } from './train'

// tfjs' synchronous read on WebGPU draws the values through a canvas: slow, and in a Chromium that
// cannot back a WebGPU canvas (headless, SwiftShader) it destroys the device, after which the next
// upload fails ("createBuffer failed, size (256) is too large …"; tests/bench/README.md, WebGPU).
// So the training loop on tfjs ops (the path of the cpu, webgl and webgpu backends) reads
// asynchronously only: asserted here on the cpu backend.

beforeAll(async () => void expect(await setupNodeBackend('cpu')).toBe('cpu'))
afterAll(async () => void (await setupNodeBackend('wasm')))

const rows = 96
const r = seededRandom(5)
const X = Float64Array.from({ length: rows * 4 }, () => 2 * r() - 1)
const y = Float64Array.from({ length: rows }, (_, i) => (X[i * 4] + X[i * 4 + 1] > 0 ? 1 : 0))

const nets: [string, NetDef][] = [
  ['dense stack (hand-written gradients)', { inputDim: 4, layers: [{ kind: 'dense', units: 8, activation: 'relu' }, { kind: 'dense', units: 1, activation: 'linear' }] }],
  [
    'with dropout (tfjs autodiff)',
    { inputDim: 4, layers: [{ kind: 'dense', units: 8, activation: 'relu' }, { kind: 'dropout', rate: 0.2 }, { kind: 'dense', units: 1, activation: 'linear' }] },
  ],
]

describe('trainNet on tfjs ops reads tensors asynchronously only', () => {
  for (const [name, net] of nets) {
    it(`${name}: epochs, validation, early stopping, L2 and the Adam checkpoint without dataSync`, async () => {
      const dataSync = vi.spyOn(tf.Tensor.prototype, 'dataSync')
      const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync')
      const before = tf.memory().numTensors
      try {
        const result = await trainNet({
          net,
          head: { kind: 'binary' },
          loss: { name: 'binary-crossentropy', config: {} },
          optimizer: { kind: 'optimizer', name: 'adam', config: { learningRate: 0.05 } },
          alpha: 0.01,
          X: X.subarray(0, 64 * 4),
          rows: 64,
          y: y.subarray(0, 64),
          val: { X: X.subarray(64 * 4), rows: 32, y: y.subarray(64) },
          epochs: 4,
          batchSize: 16,
          patience: 3,
          shuffle: true,
          random: seededRandom(1),
          signal: new AbortController().signal,
        })
        expect(dataSync).not.toHaveBeenCalled()
        expect(arraySync).not.toHaveBeenCalled()
        expect(result.history).toHaveLength(4)
        expect(result.history[3].loss).toBeLessThan(result.history[0].loss)
        for (const e of result.history) {
          expect(Number.isFinite(e.valLoss)).toBe(true)
          expect(e.metric).toBeGreaterThanOrEqual(0)
          expect(e.metric).toBeLessThanOrEqual(1)
        }
        // 16 steps read back from Adam's state (tfjs holds β₁ᵗ⁺¹ after t steps).
        expect(result.checkpoint.optimizer.iterations).toBe(16)
        expect(result.checkpoint.optimizer.powers?.[0]).toBeCloseTo(0.9 ** 17, 6)
        expect(tf.memory().numTensors).toBe(before)
      } finally {
        dataSync.mockRestore()
        arraySync.mockRestore()
      }
    })
  }
})
