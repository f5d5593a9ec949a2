import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { seededRandom } from '../../runtime/exec/rng'
import type { OptimizerSpec } from '../../runtime/values/ml'
import { denseLayers, tapeTrainer } from './dense-step'
import { kernelTrainer } from './kernel-trainer'
import { encodeTargets, lossValue, type Head, type LossChoice } from './loss'
import { forward, initWeights, kernelIndices, type Activation, type NetDef, type NetWeights } from './net'
import { makeOptimizer, optimizerSettings } from './optimizer'
import { instantiateDenseKernel, type DenseKernel } from './wasm/dense-kernel'
import { KERNEL_SOURCE_SHA256 } from './wasm/dense-kernel-wasm'
import type { Trainer } from './trainer'

beforeAll(async () => void (await setupNodeBackend('wasm')))

/** A fresh instance per trainer: a trainer owns its instance's memory. */
const fresh = async (): Promise<DenseKernel> => (await instantiateDenseKernel())!

interface Case {
  name: string
  head: Head
  loss: LossChoice
  activations: Activation[]
  alpha: number
  optimizer: OptimizerSpec
  /** Start from all-zero weights (the linear families' start): every output ties on the first steps. */
  zeros?: boolean
}

const opt = (name: 'adam' | 'sgd', config: Record<string, unknown>): OptimizerSpec => ({ kind: 'optimizer', name, config: { learningRate: 0.05, ...config } })
const cases: Case[] = [
  { name: 'binary cross-entropy, relu, Adam', head: { kind: 'binary' }, loss: { name: 'binary-crossentropy', config: {} }, activations: ['relu', 'relu'], alpha: 0, optimizer: opt('adam', {}) },
  { name: 'softmax cross-entropy, tanh + sigmoid, SGD with momentum, L2', head: { kind: 'multiclass', classes: 3 }, loss: { name: 'categorical-crossentropy', config: {} }, activations: ['tanh', 'sigmoid'], alpha: 0.01, optimizer: opt('sgd', { momentum: 0.9 }) },
  { name: 'MSE regression, relu + linear, plain SGD, L2', head: { kind: 'regression' }, loss: { name: 'mse', config: {} }, activations: ['relu', 'linear'], alpha: 0.001, optimizer: opt('sgd', {}) },
  { name: 'binary cross-entropy, relu, Nesterov', head: { kind: 'binary' }, loss: { name: 'binary-crossentropy', config: {} }, activations: ['relu'], alpha: 0, optimizer: opt('sgd', { momentum: 0.5, nesterov: true }) },
  { name: 'binary hinge, relu, Adam, L2', head: { kind: 'binary' }, loss: { name: 'hinge', config: {} }, activations: ['relu'], alpha: 0.01, optimizer: opt('adam', {}) },
  { name: 'Crammer–Singer hinge, tanh, SGD with momentum', head: { kind: 'multiclass', classes: 3 }, loss: { name: 'hinge', config: {} }, activations: ['tanh'], alpha: 0, optimizer: opt('sgd', { momentum: 0.9 }) },
  { name: 'Crammer–Singer hinge, linear model from zero weights (tied scores), Adam', head: { kind: 'multiclass', classes: 3 }, loss: { name: 'hinge', config: {} }, activations: [], alpha: 0.001, optimizer: opt('adam', {}), zeros: true },
  { name: 'epsilon-insensitive (0.2), relu, Adam, L2', head: { kind: 'regression' }, loss: { name: 'epsilon-insensitive', config: { epsilon: 0.2 } }, activations: ['relu'], alpha: 0.001, optimizer: opt('adam', {}) },
  { name: 'epsilon-insensitive (default 0.1), linear model from zero weights, plain SGD', head: { kind: 'regression' }, loss: { name: 'epsilon-insensitive', config: {} }, activations: [], alpha: 0, optimizer: opt('sgd', {}), zeros: true },
]

const ROWS = 40
const BATCH = 16 // 40 rows: batches of 16, 16 and 8, so a short last batch is covered

/** A net of 20-unit hidden layers (not a multiple of 16: the kernel's SIMD tails run) and its data. */
function setup(c: Case) {
  const units = c.head.kind === 'multiclass' ? c.head.classes : 1
  const net: NetDef = {
    inputDim: 5,
    layers: [...c.activations.map((activation) => ({ kind: 'dense' as const, units: 20, activation })), { kind: 'dense', units, activation: 'linear' }],
  }
  const r = seededRandom(7)
  const X = Float32Array.from({ length: ROWS * 5 }, () => 2 * r() - 1)
  const y = Float64Array.from({ length: ROWS }, () => (c.head.kind === 'multiclass' ? Math.floor(3 * r()) : c.head.kind === 'binary' ? (r() > 0.5 ? 1 : 0) : r()))
  const order = Int32Array.from({ length: ROWS }, (_, i) => (i * 17) % ROWS)
  const init = initWeights(net, seededRandom(3))
  if (c.zeros) init.values.forEach((v) => v.fill(0))
  return { net, X, y, order, init }
}

async function kernelFor(c: Case, s: ReturnType<typeof setup>, init: NetWeights) {
  const Yt = encodeTargets(c.head, s.y)
  const Y = Yt.dataSync() as Float32Array
  Yt.dispose()
  const layers = denseLayers(s.net)!
  return kernelTrainer(await fresh(), { layers, init, optimizer: optimizerSettings(c.optimizer), loss: c.loss, head: c.head, alpha: c.alpha, X: s.X, Y, rows: ROWS, batch: BATCH })!
}

/** `epochs` passes over the rows in batches, by the kernel and by tfjs autodiff; `tensors`: what the kernel's steps left in tfjs. */
async function both(c: Case, epochs: number) {
  const s = setup(c)
  const batches: [number, number][] = []
  for (let e = 0; e < epochs; e++) for (let start = 0; start < ROWS; start += BATCH) batches.push([start, Math.min(ROWS, start + BATCH)])
  const k = await kernelFor(c, s, s.init)
  const before = tf.memory().numTensors
  for (const [start, end] of batches) k.step(s.order, start, end)
  const kernel = { costs: Array.from(await k.costs()), weights: await k.values(), tensors: tf.memory().numTensors - before }

  const optimizer = makeOptimizer(c.optimizer)
  const objective = (out: tf.Tensor, yb: tf.Tensor, kernels: tf.Tensor[]) =>
    tf.add(lossValue(c.loss, c.head, out, yb), tf.mul(tf.addN(kernels.map((w) => tf.sum(tf.square(w)))), c.alpha / 2)) as tf.Scalar
  const tape = tapeTrainer(s.net, s.init, optimizer, objective, forward, kernelIndices(s.init))
  const Xt = tf.tensor2d(s.X, [ROWS, 5])
  const Yt = encodeTargets(c.head, s.y)
  const costs = batches.map(([start, end]) =>
    tf.tidy(() => {
      const it = tf.tensor1d(s.order.subarray(start, end), 'int32')
      return tape.step(tf.gather(Xt, it) as tf.Tensor2D, tf.gather(Yt, it) as tf.Tensor2D).dataSync()[0]
    }),
  )
  const out = { kernel, tape: { costs, weights: await tape.values() } }
  tape.dispose()
  optimizer.dispose()
  tf.dispose([Xt, Yt])
  return out
}

describe('kernelTrainer: dense stacks in one WebAssembly SIMD kernel', () => {
  it('is built from the committed AssemblyScript source (npm run build:kernel after editing it)', () => {
    const source = readFileSync(new URL('./wasm/dense-kernel.as.ts', import.meta.url))
    expect(createHash('sha256').update(source).digest('hex')).toBe(KERNEL_SOURCE_SHA256)
  })

  for (const c of cases) {
    it(`${c.name}: the same costs and weights as tfjs autodiff, within float32 rounding`, async () => {
      const { kernel: k, tape } = await both(c, 8)
      expect(k.tensors).toBe(0)
      expect(k.costs).toHaveLength(24)
      // Training moved the weights, so the comparison is not of two untouched starts.
      expect(tape.costs[23]).not.toBeCloseTo(tape.costs[0], 2)
      k.costs.forEach((cost, i) => expect(cost).toBeCloseTo(tape.costs[i], 4))
      k.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(tape.weights[i][j], 4)))
    })
  }

  it('stopped and restarted from its values and optimizer state, ends bit for bit where an uninterrupted run ends', async () => {
    const c = cases[0]
    const s = setup(c)
    const steps = (t: Trainer, from: number, to: number) => {
      for (let i = from; i < to; i++) t.step(s.order, (i * BATCH) % 32, ((i * BATCH) % 32) + BATCH)
    }
    const straight = await kernelFor(c, s, s.init)
    steps(straight, 0, 12)
    const first = await kernelFor(c, s, s.init)
    steps(first, 0, 5)
    const saved = await first.saveOptimizer()
    expect(saved).toMatchObject({ iterations: 5, shapes: [[saved.slots[0].length], [saved.slots[0].length]] })
    const second = await kernelFor(c, s, { shapes: s.init.shapes, values: await first.values() })
    await second.restoreOptimizer(saved)
    steps(second, 5, 12)
    expect(await second.values()).toEqual(await straight.values())
    expect(await second.saveOptimizer()).toEqual(await straight.saveOptimizer())
    expect([...(await first.costs()), ...(await second.costs())]).toEqual([...(await straight.costs())])
  })

  it('declines what it does not cover (RMSprop, MAE), which trains on tfjs ops', async () => {
    const kernel = await fresh()
    const s = setup(cases[0])
    const input = { layers: denseLayers(s.net)!, init: s.init, head: cases[0].head, alpha: 0, X: s.X, Y: new Float32Array(ROWS), rows: ROWS, batch: BATCH }
    const rmsprop = optimizerSettings({ kind: 'optimizer', name: 'rmsprop', config: {} })
    expect(kernelTrainer(kernel, { ...input, optimizer: rmsprop, loss: cases[0].loss })).toBeUndefined()
    expect(kernelTrainer(kernel, { ...input, optimizer: optimizerSettings(c0Adam), loss: { name: 'mae', config: {} } })).toBeUndefined()
  })
})

const c0Adam: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: {} }
