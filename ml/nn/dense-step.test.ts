import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { seededRandom } from '../../runtime/exec/rng'
import { denseTrainer, tapeTrainer } from './dense-step'
import { encodeTargets, lossValue, type Head, type LossChoice } from './loss'
import { forward, initWeights, kernelIndices, type Activation, type NetDef } from './net'
import { makeOptimizer } from './optimizer'

beforeAll(async () => void (await setupNodeBackend('wasm')))

interface Case {
  name: string
  head: Head
  loss: LossChoice
  activations: Activation[]
  alpha: number
  optimizer: string
}

const cases: Case[] = [
  { name: 'binary cross-entropy, relu, Adam', head: { kind: 'binary' }, loss: { name: 'binary-crossentropy', config: {} }, activations: ['relu', 'relu'], alpha: 0, optimizer: 'adam' },
  { name: 'softmax cross-entropy, tanh + sigmoid, RMSprop, L2', head: { kind: 'multiclass', classes: 3 }, loss: { name: 'categorical-crossentropy', config: {} }, activations: ['tanh', 'sigmoid'], alpha: 0.01, optimizer: 'rmsprop' },
  { name: 'MSE regression, relu, SGD, L2', head: { kind: 'regression' }, loss: { name: 'mse', config: {} }, activations: ['relu', 'linear'], alpha: 0.001, optimizer: 'sgd' },
  { name: 'hinge (autodiff of the loss only), relu, Adam', head: { kind: 'binary' }, loss: { name: 'hinge', config: {} }, activations: ['relu', 'relu'], alpha: 0, optimizer: 'adam' },
]

/** Runs `steps` batches through a trainer; returns the batch costs and the final weights. */
async function train(c: Case, dense: boolean, steps: number) {
  const units = c.head.kind === 'multiclass' ? c.head.classes : 1
  const net: NetDef = {
    inputDim: 5,
    layers: [...c.activations.map((activation) => ({ kind: 'dense' as const, units: 8, activation })), { kind: 'dense', units, activation: 'linear' }],
  }
  const r = seededRandom(7)
  const rows = 32
  const X = tf.tensor2d(Float32Array.from({ length: rows * 5 }, () => 2 * r() - 1), [rows, 5])
  const y = Float64Array.from({ length: rows }, () => (c.head.kind === 'multiclass' ? Math.floor(3 * r()) : c.head.kind === 'binary' ? (r() > 0.5 ? 1 : 0) : r()))
  const Y = encodeTargets(c.head, y)
  const init = initWeights(net, seededRandom(3))
  const optimizer = makeOptimizer({ kind: 'optimizer', name: c.optimizer as 'adam', config: { learningRate: 0.05 } })
  const objective = (out: tf.Tensor, yb: tf.Tensor, kernels: tf.Tensor[]) =>
    tf.add(lossValue(c.loss, c.head, out, yb), tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), c.alpha / 2)) as tf.Scalar
  const trainer = dense ? denseTrainer(net, init, optimizer, objective, c.loss, c.head, c.alpha)! : tapeTrainer(net, init, optimizer, objective, forward, kernelIndices(init))
  const costs: number[] = []
  for (let i = 0; i < steps; i++) costs.push(tf.tidy(() => trainer.step(X, Y).dataSync()[0]))
  const weights = await trainer.values()
  trainer.dispose()
  optimizer.dispose()
  tf.dispose([X, Y])
  return { costs, weights }
}

describe('denseTrainer: hand-written gradients on one flat variable', () => {
  for (const c of cases) {
    it(`${c.name}: the same costs and weights as tfjs autodiff, within float rounding`, async () => {
      const before = tf.memory().numTensors
      const tape = await train(c, false, 25)
      const dense = await train(c, true, 25)
      expect(tf.memory().numTensors).toBe(before)
      // Training moved the weights, so the comparison is not of two untouched starts.
      expect(tape.costs[24]).not.toBeCloseTo(tape.costs[0], 3)
      dense.costs.forEach((cost, i) => expect(cost).toBeCloseTo(tape.costs[i], 4))
      dense.weights.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(tape.weights[i][j], 4)))
    })
  }

  it('declines networks it does not cover (dropout, elu), which train through autodiff', () => {
    const init = { shapes: [], values: [] }
    const opt = makeOptimizer({ kind: 'optimizer', name: 'adam', config: {} })
    const none = () => tf.scalar(0)
    const loss: LossChoice = { name: 'mse', config: {} }
    const head: Head = { kind: 'regression' }
    expect(denseTrainer({ inputDim: 2, layers: [{ kind: 'dense', units: 2, activation: 'elu' }] }, init, opt, none, loss, head, 0)).toBeUndefined()
    expect(denseTrainer({ inputDim: 2, layers: [{ kind: 'dropout', rate: 0.5 }] }, init, opt, none, loss, head, 0)).toBeUndefined()
    opt.dispose()
  })
})
