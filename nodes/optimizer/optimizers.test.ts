import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { OptimizerSpec } from '../../runtime/values/ml'
import { makeOptimizer } from '../../ml/nn/optimizer'
import { params, paramsError, runNode } from '../../tests/support/table-testing'
import { optimizerNodes } from './index'
import { adamNode, sgdNode } from './optimizers'

beforeAll(async () => {
  await setupNodeBackend()
})

/** One step minimising x² from x = 1 (gradient 2): the new x. */
function oneStep(spec: OptimizerSpec): number {
  const x = tf.tidy(() => tf.variable(tf.scalar(1)))
  const opt = makeOptimizer(spec)
  tf.tidy(() => void opt.minimize(() => tf.square(x) as tf.Scalar, false, [x]))
  const v = x.dataSync()[0]
  opt.dispose()
  x.dispose()
  return v
}

describe('optimizer nodes', () => {
  it('the learning rate must be greater than 0', () => {
    for (const def of optimizerNodes) expect(paramsError(def, { learningRate: 0 })).toMatch(/^learningRate: Too small: expected number to be >0/)
  })

  it('Nesterov without momentum is a validation message', () => {
    expect(sgdNode.check!(params(sgdNode, { nesterov: true }), {})).toEqual(['Nesterov momentum needs a momentum above 0.'])
  })

  it('each optimizer takes the textbook first step on x²', async () => {
    const step = async (def: Parameters<typeof runNode>[0], given: Record<string, unknown>) =>
      oneStep((await runNode(def, {}, given)).optimizer as OptimizerSpec)
    expect(await step(sgdNode, { learningRate: 0.1 })).toBeCloseTo(0.8, 6) // 1 − 0.1·2
    expect(await step(adamNode, { learningRate: 0.1 })).toBeCloseTo(0.9, 5) // Adam's first step is ≈ lr·sign(g)
    const before = tf.memory().numTensors
    for (const def of optimizerNodes) oneStep((await runNode(def, {})).optimizer as OptimizerSpec)
    expect(tf.memory().numTensors).toBe(before)
  })
})
