import { describe, expect, it } from 'vitest'
import type { ModelSpec, TrainedModel } from '../../runtime/values/ml'
import type { Figure } from '../../runtime/values/figure'
import type { Metrics } from '../../runtime/values/ml'
import { everyThird, iris } from '../../tests/support/model-testing'
import { params, paramsError, runNode, testContext } from '../../tests/support/table-testing'
import { modelNode } from '../model'
import { fitNode } from '../train/fit'
import { permutationImportanceNode } from './permutation-importance'

const decisionTreeNode = modelNode('decision-tree')

async function stump(): Promise<TrainedModel> {
  const spec = (await runNode(decisionTreeNode, {}, { maxDepth: 1 })).model as ModelSpec
  const out = await fitNode.run({ model: spec, data: everyThird(iris()) }, params(fitNode, {}), testContext().ctx)
  return out.model as TrainedModel
}

describe('metric.permutation-importance', () => {
  it('a one-split tree: only its split feature matters, the others score exactly 0', async () => {
    const model = await stump()
    const out = await runNode(permutationImportanceNode, { model, data: everyThird(iris()) }, { repeats: 4 })
    const metrics = out.metrics as Metrics
    const figure = out.figure as Figure
    // A stump separates setosa from the rest and calls the rest virginica (34 of the 67 training
    // rows there): test rows right = 17 setosa + 16 virginica of 50.
    expect(metrics.scalars.baseline).toBeCloseTo(33 / 50, 10)
    const used = model.features.find((n) => metrics.scalars[`importance.${n}`] !== 0)!
    expect(['petal_length', 'petal_width']).toContain(used)
    expect(metrics.scalars[`importance.${used}`]).toBeGreaterThan(0.2)
    for (const n of model.features.filter((f) => f !== used)) expect(metrics.scalars[`importance.${n}`]).toBe(0)
    expect(figure.chart).toBe('bar')
    expect(figure.bars!.labels[0]).toBe(used)
    expect(figure.bars!.values).toEqual([...figure.bars!.values].sort((a, b) => b - a))
    expect(figure.summary).toMatchObject({ metric: 'accuracy', top: used, repeats: 4 })
  })

  it('is deterministic for a seed', async () => {
    const model = await stump()
    const a = await runNode(permutationImportanceNode, { model, data: everyThird(iris()) }, { seed: 3 })
    const b = await runNode(permutationImportanceNode, { model, data: everyThird(iris()) }, { seed: 3 })
    expect(a.metrics).toEqual(b.metrics)
  })

  it('refuses rows without the target and bad params', async () => {
    const model = await stump()
    const noTarget = { ...iris(), columns: iris().columns.map((c) => (c.role === 'target' ? { ...c, role: 'feature' as const } : c)) }
    await expect(runNode(permutationImportanceNode, { model, data: noTarget })).rejects.toThrow(/needs the true target "species"/)
    expect(paramsError(permutationImportanceNode, { repeats: 0 })).toMatch(/^repeats: Too small/)
  })
})
