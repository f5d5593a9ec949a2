import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../runtime/cache/node-cache'
import { runGraph } from '../../runtime/exec/executor'
import { Registry } from '../../runtime/registry'
import type { TrainedModel } from '../../runtime/values/ml'
import { FAMILIES, familyLookup } from '../../ml/families'
import type { ForestState } from '../../ml/families/tree-state'
import { allNodes } from '../../nodes'
import { familyNode } from '../../nodes/model/family-node'
import { modelNode } from '../../nodes/model'
import { predictNodeFor } from '../../nodes/predict/apply'
import { fitNode, trainNodeFor } from '../../nodes/train/fit'
import { graph } from '../support/graph'
import { iris } from '../support/model-testing'
import { nearestMean } from '../support/nearest-mean-family'
import { runNode, testContext, params } from '../support/table-testing'

describe('model families on the canvas', () => {
  it('a new family is one module plus one list entry: it gets a node, trains, predicts and is scored', async () => {
    const families = familyLookup([...FAMILIES, nearestMean])
    const replaced = new Set(['train.fit', 'predict.apply'])
    const registry = new Registry([
      ...allNodes.filter((n) => !replaced.has(n.type)),
      familyNode(nearestMean),
      trainNodeFor(families),
      predictNodeFor(families),
    ])
    expect(registry.defaults('model.nearest-mean')).toEqual({ shrink: 0 })
    const doc = graph(
      [['iris', 'data.iris'], ['m', 'model.nearest-mean'], ['fit', 'train.fit'], ['pred', 'predict.apply']],
      ['iris.data->fit.data', 'm.model->fit.model', 'fit.model->pred.model', 'iris.data->pred.data'],
    )
    const report = await runGraph({ doc, registry, cache: new NodeCache() })
    expect(report.nodes.fit.summary).toMatchObject({ family: 'nearest-mean', task: 'classification', rows: 150, classes: 3 })
    // Nearest centroid on iris (scikit-learn NearestCentroid().fit(X, y).score(X, y) = 0.9266…).
    expect(report.nodes.pred.summary?.accuracy).toBeCloseTo(139 / 150, 10)
  })

  it('the random forest follows its own seed through the Train node (its seed param used to change nothing)', async () => {
    const forest = modelNode('random-forest')
    const train = async (seed: number) => {
      const spec = (await runNode(forest, {}, { nEstimators: 5, seed })).model
      const out = await fitNode.run({ model: spec, data: iris() }, params(fitNode), testContext().ctx)
      return ((out.model as TrainedModel).state as unknown as ForestState).trees.map((t) => Array.from(t.threshold))
    }
    expect(await train(0)).toEqual(await train(0))
    expect(await train(7)).not.toEqual(await train(0))
  })

  it('k-means follows its own seed through the Train node', async () => {
    const km = modelNode('kmeans')
    const train = async (seed: number) => {
      const spec = (await runNode(km, {}, { k: 5, nInit: 1, seed })).model
      const out = await fitNode.run({ model: spec, data: iris() }, params(fitNode), testContext().ctx)
      return Array.from((out.model as TrainedModel).state.centers as Float64Array)
    }
    expect(await train(0)).toEqual(await train(0))
    expect(await train(7)).not.toEqual(await train(0))
  })

  it('the exact linear SVM follows its own seed (liblinear\'s coordinate order): same seed same weights, another seed others', async () => {
    const node = modelNode('linear-svm')
    const weights = async (seed: number) => {
      const spec = (await runNode(node, {}, { seed })).model
      const out = await fitNode.run({ model: spec, data: iris() }, params(fitNode), testContext().ctx)
      return JSON.stringify((out.model as TrainedModel).state)
    }
    expect(await weights(0)).toBe(await weights(0))
    expect(await weights(7)).not.toBe(await weights(0))
  })

  it('cancelling a random-forest fit ends the run within 200 ms and reports the node cancelled', async () => {
    const registry = new Registry(allNodes)
    const doc = graph(
      [['d', 'data.classification', { samples: 2000, features: 10 }], ['m', 'model.random-forest', { nEstimators: 2000 }], ['fit', 'train.fit']],
      ['d.data->fit.data', 'm.model->fit.model'],
    )
    const controller = new AbortController()
    let abortedAt = 0
    const run = runGraph({
      doc,
      registry,
      cache: new NodeCache(),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.nodeId === 'fit' && !abortedAt) {
          abortedAt = performance.now() + 100
          setTimeout(() => controller.abort(), 100)
        }
      },
    })
    const report = await run
    expect(performance.now() - abortedAt).toBeLessThan(200)
    expect(report.nodes.fit.status).toBe('cancelled')
  })
})
