import { describe, expect, it } from 'vitest'
import type { Metrics, Predictions } from '../../runtime/values/ml'
import { params, testContext } from '../../tests/support/table-testing'
import { regressionMetricsNode as node } from './regression'

const predictions = (actual: number[], predicted: number[]): Predictions => ({
  kind: 'predictions',
  task: 'regression',
  rows: actual.length,
  actual: Float64Array.from(actual),
  predicted: Float64Array.from(predicted),
})

async function score(pred: unknown) {
  const { ctx, warnings } = testContext()
  const out = await node.run({ predictions: pred }, params(node), ctx)
  return { metrics: out.metrics as Metrics, warnings }
}

describe('metric.regression', () => {
  it('scores the sklearn docstring example', async () => {
    const { metrics } = await score(predictions([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]))
    expect(metrics.scalars).toEqual({
      mse: 0.375,
      rmse: Math.sqrt(0.375),
      mae: 0.5,
      r2: expect.closeTo(0.948608, 6),
      explainedVariance: expect.closeTo(0.957173, 6),
    })
  })

  it('leaves R² out for one row, with a warning', async () => {
    const { metrics, warnings } = await score(predictions([1], [3]))
    expect(metrics.scalars).toEqual({ mse: 4, rmse: 2, mae: 2 })
    expect(warnings[0]).toMatch(/fewer than two rows/)
  })

  it('explains bad inputs', async () => {
    await expect(score(predictions([1, 2], [NaN, 2]))).rejects.toThrow(/predicted values are NaN or infinite/)
    await expect(score({ ...predictions([1, 2], [1, 2]), task: 'classification' })).rejects.toThrow(/set Task = regression on the model node.*use Classification metrics instead/)
    await expect(score({ ...predictions([1, 2], [1, 2]), actual: undefined })).rejects.toThrow(/no true values/)
  })
})
