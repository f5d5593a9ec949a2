import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { BackendName } from '../../runtime/backend/choose-backend'
import { NodeCache } from '../../runtime/cache/node-cache'
import { runGraph } from '../../runtime/exec/executor'
import { computeKeys } from '../../runtime/keys/cache-keys'
import type { GraphDocument } from '../../runtime/document/schema'
import type { TrainedModel } from '../../runtime/values/ml'
import { graph } from '../../tests/support/graph'
import { createRegistry } from '../index'

const registry = createRegistry()

/**
 * Iris → split (with validation rows) → standardize → an MLP → Train. Without dropout the MLP
 * trains as a dense stack (the wasm kernel on wasm, hand-written gradients on tfjs ops on cpu), with dropout through tfjs autodiff.
 */
const doc = (train: Record<string, unknown>, optimizer?: Record<string, unknown>, dropout = 0) =>
  graph(
    [
      ['iris', 'data.iris'],
      ['split', 'transform.split', { validation: 0.2, test: 0.2, seed: 3 }],
      ['scale', 'transform.standardize'],
      ['mlp', 'model.mlp', { layers: [{ units: 12, activation: 'relu', dropout }] }],
      ...(optimizer ? [['opt', 'optimizer.sgd', optimizer] as [string, string, Record<string, unknown>]] : []),
      ['fit', 'train.fit', { batchSize: 16, seed: 5, ...train }],
    ],
    ['iris.data->split.data', 'split.data->scale.data', 'scale.data->fit.data', 'mlp.model->fit.model', ...(optimizer ? ['opt.optimizer->fit.optimizer' as const] : [])],
  )

async function trained(d: GraphDocument, cache: NodeCache) {
  const report = await runGraph({ doc: d, registry, cache, scope: 'continue-test' })
  const hit = await cache.get(computeKeys(d, registry).get('fit')!.key)
  if (hit.status !== 'hit') throw new Error('no model in the cache')
  return { report: report.nodes.fit, model: (hit.value as { model: TrainedModel }).model }
}

describe.each<BackendName>(['cpu', 'wasm'])('continued training on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await setupNodeBackend(backend)).toBe(backend)
  })

  it('raising epochs continues from the cached weights and Adam state, bit for bit equal to training from scratch (dense stack: the wasm kernel on wasm, tfjs ops on cpu)', async () => {
    const cache = new NodeCache()
    const short = await trained(doc({ epochs: 4 }), cache)
    expect(short.report.reason).toBe('no cache entry')
    const before = tf.memory().numTensors
    const longer = await trained(doc({ epochs: 9 }), cache)
    expect(tf.memory().numTensors).toBe(before)
    expect(longer.report).toMatchObject({ status: 'ran', reason: 'continued from epoch 4 (params changed: epochs)' })
    const scratch = await trained(doc({ epochs: 9 }), new NodeCache())
    expect(scratch.report.reason).toBe('no cache entry')
    expect(longer.model.history).toHaveLength(9)
    // Weights, history, summary and the optimizer's moments, every bit.
    expect(longer.model).toEqual(scratch.model)
    expect(longer.model.history!.slice(0, 4)).toEqual(short.model.history)
    expect(longer.model.state.weights).not.toEqual(short.model.state.weights)
  })

  it('continues SGD with momentum, dropout and early stopping: a run that stopped early stays stopped', async () => {
    const sgd = { learningRate: 0.05, momentum: 0.9 }
    const cache = new NodeCache()
    await trained(doc({ epochs: 5, patience: 3 }, sgd, 0.2), cache)
    const longer = await trained(doc({ epochs: 400, patience: 3 }, sgd, 0.2), cache)
    expect(longer.report.reason).toBe('continued from epoch 5 (params changed: epochs)')
    const scratch = await trained(doc({ epochs: 400, patience: 3 }, sgd, 0.2), new NodeCache())
    expect(longer.model).toEqual(scratch.model)
    const stoppedAt = scratch.model.history!.length
    expect(stoppedAt).toBeLessThan(400)
    const more = await trained(doc({ epochs: 500, patience: 3 }, sgd, 0.2), cache)
    expect(more.report.reason).toBe(`continued from epoch ${stoppedAt} (params changed: epochs)`)
    expect(more.model).toEqual(scratch.model)
  })
})

describe('continued training, what does not continue', () => {
  beforeAll(async () => {
    await setupNodeBackend('cpu')
  })

  it('runs from scratch when another param changed, or for a model not trained by gradient descent', async () => {
    const cache = new NodeCache()
    await trained(doc({ epochs: 3 }), cache)
    const reseeded = await trained(doc({ epochs: 6, seed: 6 }), cache)
    expect(reseeded.report.reason).toBe('params changed: epochs, seed')
    const tree = (epochs: number) =>
      graph(
        [
          ['iris', 'data.iris'],
          ['tree', 'model.decision-tree'],
          ['fit', 'train.fit', { epochs }],
        ],
        ['iris.data->fit.data', 'tree.model->fit.model'],
      )
    await trained(tree(3), cache)
    const treeAgain = await trained(tree(6), cache)
    expect(treeAgain.report.reason).toBe('params changed: epochs')
    expect(treeAgain.model.checkpoint).toBeUndefined()
  })
})

describe('continued training after epochs: auto', () => {
  beforeAll(async () => {
    await setupNodeBackend('wasm')
  })

  it('an auto run (epochs 0, stopped by its convergence rule) is not continued: a set number of epochs after it trains from scratch', async () => {
    const cache = new NodeCache()
    // One batch an epoch keeps the up-to-200 epochs of auto quick.
    const auto = await trained(doc({ epochs: 0, batchSize: 1000 }), cache)
    expect(auto.model.summary).toMatchObject({ maxEpochs: 200 })
    const set = await trained(doc({ epochs: 7, batchSize: 1000 }), cache)
    expect(set.report.reason).toBe('params changed: epochs')
    const scratch = await trained(doc({ epochs: 7, batchSize: 1000 }), new NodeCache())
    expect(set.model).toEqual(scratch.model)
    expect(set.model.history).toHaveLength(7)
  })
})
