import '@tensorflow/tfjs-backend-wasm'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import type { RunEvent } from '../../runtime/exec/events'
import { runGraph } from '../../runtime/exec/executor'
import { validateGraph } from '../../runtime/validate/validate'
import { graph } from '../../tests/support/graph'
import { createRegistry } from '../index'
import { lossNodes } from '../loss'
import { modelNodes } from '../model'
import { optimizerNodes } from '../optimizer'
import { predictNodes } from '../predict'
import { trainNodes } from './index'

beforeAll(async () => {
  await setupNodeBackend()
})

const registry = createRegistry()

/** Two branches from one split: a gradient model with wired loss/optimizer, and a classical one wrongly given a loss. */
const doc = () =>
  graph(
    [
      ['iris', 'data.iris'],
      ['split', 'transform.split', { test: 0.3, seed: 4 }],
      ['scale', 'transform.standardize'],
      ['logit', 'model.logistic-regression'],
      ['ce', 'loss.categorical-crossentropy'],
      ['sgd', 'optimizer.sgd', { learningRate: 0.1, momentum: 0.9 }],
      ['fit', 'train.fit', { epochs: 40, batchSize: 16, seed: 1 }],
      ['predict', 'predict.apply'],
      ['tree', 'model.decision-tree'],
      ['fitTree', 'train.fit'],
      ['predictTree', 'predict.apply'],
    ],
    [
      'iris.data->split.data',
      'split.data->scale.data',
      'scale.data->fit.data',
      'logit.model->fit.model',
      'ce.loss->fit.loss',
      'sgd.optimizer->fit.optimizer',
      'fit.model->predict.model',
      'iris.data->predict.data',
      'tree.model->fitTree.model',
      'split.data->fitTree.data',
      'ce.loss->fitTree.loss',
      'fitTree.model->predictTree.model',
      'split.data->predictTree.data',
    ],
  )

describe('model, loss, optimizer, train and predict nodes in a graph', () => {
  it('every node validates with default params and has a description', () => {
    for (const def of [...modelNodes, ...lossNodes, ...optimizerNodes, ...trainNodes, ...predictNodes]) {
      expect(() => registry.defaults(def.type), def.type).not.toThrow()
      expect(def.description.length, def.type).toBeGreaterThan(40)
    }
  })

  it('a document round-trips through JSON and runs; a loss on a tree fails validation of its branch only', async () => {
    const loaded = JSON.parse(JSON.stringify(doc()))
    expect(validateGraph(loaded, registry).map((d) => d.nodeId)).toEqual(['fitTree'])
    const events: RunEvent[] = []
    const cache = new NodeCache()
    const report = await runGraph({ doc: loaded, registry, cache, onEvent: (e) => void events.push(e) })
    expect(report.nodes.fit.status).toBe('ran')
    expect(report.nodes.fit.summary).toMatchObject({ lossFunction: 'categorical-crossentropy', optimizer: 'sgd', epochs: 40 })
    // Raw iris rows (no steps) are standardized with the training statistics before scoring.
    expect(report.nodes.predict.summary).toMatchObject({ rows: 150, split: 'all' })
    expect(report.nodes.predict.summary!.accuracy as number).toBeGreaterThan(0.9)
    expect(report.nodes.fitTree).toMatchObject({ status: 'error', error: 'Decision tree is not trained by gradient descent and does not use a loss function; remove the loss wire.' })
    expect(report.nodes.predictTree.status).toBe('blocked')
    const epochs = events.filter((e) => e.type === 'progress' && e.nodeId === 'fit')
    expect(epochs).toHaveLength(40)
    const again = await runGraph({ doc: loaded, registry, cache })
    expect(again.nodes.predict.status).toBe('cached')
  })
})
