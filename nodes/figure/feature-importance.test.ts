import '@tensorflow/tfjs-backend-wasm'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { Figure } from '../../runtime/values/figure'
import type { ModelSpec, TrainedModel } from '../../runtime/values/ml'
import { iris, linearData } from '../../tests/support/model-testing'
import { params, runNode, testContext } from '../../tests/support/table-testing'
import { modelNode } from '../model'
import { fitNode } from '../train/fit'
import { featureImportanceFigureNode } from './feature-importance'
import { MissingCapabilityError } from '../../ml/families/family'

beforeAll(() => setupNodeBackend())

async function trained(family: string, data: unknown, given: Record<string, unknown> = {}): Promise<TrainedModel> {
  const spec = (await runNode(modelNode(family), {}, given)).model as ModelSpec
  return (await fitNode.run({ model: spec, data }, params(fitNode, {}), testContext().ctx)).model as TrainedModel
}

describe('figure.feature-importance', () => {
  it('a depth-2 tree on iris: importances sum to 1, all on the petal features, largest first', async () => {
    const figure = (await runNode(featureImportanceFigureNode, { model: await trained('decision-tree', iris(), { maxDepth: 2 }) })).figure as Figure
    expect(figure.chart).toBe('bar')
    const { labels, values } = figure.bars!
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(labels.slice(0, 2).sort()).toEqual(['petal_length', 'petal_width'])
    expect(values.slice(2)).toEqual([0, 0])
    expect(values).toEqual([...values].sort((a, b) => b - a))
  })

  it('linear regression solved exactly: the weight sizes, largest first', async () => {
    const figure = (await runNode(featureImportanceFigureNode, { model: await trained('linear-regression', linearData([2, -3, 0.5], 1, 100)) })).figure as Figure
    expect(figure.bars!.labels).toEqual(['x2', 'x1', 'x3'])
    expect(figure.bars!.values).toEqual([expect.closeTo(3, 5), expect.closeTo(2, 5), expect.closeTo(0.5, 5)])
  })

  it('a family without importances is a named error that points to permutation importance', async () => {
    const err = await Promise.resolve(runNode(featureImportanceFigureNode, { model: await trained('knn', iris()) })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MissingCapabilityError)
    expect(err).toMatchObject({
      family: 'knn',
      capability: 'featureImportance',
      message: 'k-nearest neighbours has no built-in feature importance; use the Permutation importance node, which works for any model.',
    })
  })
})
