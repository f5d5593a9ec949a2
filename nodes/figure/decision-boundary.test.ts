import { describe, expect, it } from 'vitest'
import type { Figure } from '../../runtime/values/figure'
import type { TrainedModel } from '../../runtime/values/ml'
import { categoricalColumn, makeDataset, numericColumn } from '../../ml/table/table'
import { params, paramsError, runNode, table } from '../../tests/support/table-testing'
import { decisionBoundaryFigureNode as node } from './decision-boundary'

const boundary = async (model: unknown, data: unknown, given: Record<string, unknown> = {}) =>
  (await runNode(node, { model, data }, given)).figure as Figure

/** 1-nearest-neighbour classifier on (0, 0) → "a" and (10, 0) → "b": the boundary is the line x = 5. */
const knn: TrainedModel = {
  kind: 'model',
  family: 'knn',
  task: 'classification',
  features: ['x', 'y'],
  classes: ['a', 'b'],
  steps: [],
  state: { X: Float64Array.from([0, 0, 10, 0]), cols: 2, y: Float64Array.from([0, 1]), k: 1, weights: 'uniform', classes: 2 },
}

/** k-means with centres (0, 0) and (10, 10): cluster 1 where x + y > 10. */
const kmeans: TrainedModel = {
  kind: 'model',
  family: 'kmeans',
  task: 'clustering',
  features: ['x', 'y'],
  steps: [],
  state: { centers: Float64Array.from([0, 0, 10, 10]), k: 2, cols: 2, inertia: 0, iterations: 1 },
}

describe('figure.decision-boundary', () => {
  it('has valid defaults and bounded grid sizes', () => {
    expect(params(node)).toEqual({ resolution: 100, split: 'all' })
    expect(paramsError(node, { resolution: 1000 })).toMatch(/^resolution: /)
  })

  it('predicts a class per grid cell over the data range plus 10%, with points by true class', async () => {
    // Target categories in the opposite order to the model's classes: points are matched by name.
    const data = makeDataset([
      numericColumn('x', Float64Array.from([0, 10, 2])),
      numericColumn('y', Float64Array.from([0, 10, 5])),
      categoricalColumn('label', Int32Array.from([1, 0, 0]), ['b', 'a'], 'target'),
    ])
    const f = await boundary(knn, data, { resolution: 10 })
    const g = f.boundary!
    // x spans [0, 10] → [-1, 11], cell width 1.2, first centre −0.4.
    expect(g.xs[0]).toBeCloseTo(-0.4, 12)
    expect(g.xs[9]).toBeCloseTo(10.4, 12)
    expect(g.ys[0]).toBeCloseTo(-0.4, 12) // y spans [0, 10] too
    expect(g.cells).toHaveLength(100)
    for (let iy = 0; iy < 10; iy++) {
      for (let ix = 0; ix < 10; ix++) expect(g.cells[iy * 10 + ix]).toBe(g.xs[ix] < 5 ? 0 : 1)
    }
    expect(g.confidence!.every((c) => c === 1)).toBe(true)
    expect(f.series).toEqual([
      { name: 'a', mode: 'points', x: [0], y: [0], classIndex: 0 },
      { name: 'b', mode: 'points', x: [10, 2], y: [10, 5], classIndex: 1 },
    ])
    expect(f.summary).toEqual({ chart: 'decision boundary', grid: '10×10', points: 3 })
  })

  it('puts raw rows through the model\'s preprocessing, so the grid is in training units', async () => {
    // The model saw x scaled as (x − 100) / 10: raw x 100 and 200 become 0 and 10.
    const scaled: TrainedModel = { ...knn, steps: [{ type: 'transform.standardize', state: { columns: ['x'], mean: [100], scale: [10] } }] }
    const raw = makeDataset([
      numericColumn('x', Float64Array.from([100, 200])),
      numericColumn('y', Float64Array.from([0, 10])),
      categoricalColumn('label', Int32Array.from([0, 1]), ['a', 'b'], 'target'),
    ])
    const f = await boundary(scaled, raw, { resolution: 10 })
    expect(f.boundary!.xs[0]).toBeCloseTo(-0.4, 12)
    expect(f.series.map((s) => [s.name, s.x])).toEqual([['a', [0]], ['b', [10]]])
    expect(f.notes).toEqual(['Axes are in the units the model was trained on (after its preprocessing).'])
  })

  it('colours the points of a clusterer by predicted cluster', async () => {
    const f = await boundary(kmeans, table({ x: [0, 1, 9, 10], y: [0, 1, 9, 10] }), { resolution: 10 })
    expect(f.boundary!.classes).toEqual(['cluster 0', 'cluster 1'])
    const { xs, ys, cells } = f.boundary!
    cells.forEach((c, i) => expect(c).toBe(xs[i % 10] + ys[Math.floor(i / 10)] > 10 ? 1 : 0))
    expect(f.series.map((s) => [s.name, s.x])).toEqual([['cluster 0', [0, 1]], ['cluster 1', [9, 10]]])
  })

  it('refuses models that do not read exactly two numeric features', async () => {
    const three = { ...knn, features: ['x', 'y', 'z'] }
    await expect(boundary(three, table({ x: [1], y: [2], z: [3] }))).rejects.toThrow(
      /exactly 2 numeric features, but this model reads 3 \(x, y, z\)/,
    )
    await expect(boundary({ ...knn, task: 'regression' }, table({ x: [1], y: [2] }))).rejects.toThrow(/this model's task is regression/)
    await expect(boundary(knn, table({ x: [1], q: [2] }))).rejects.toThrow(/Column "y" not found/)
    await expect(boundary(knn, table({ x: [1], y: ['s'] }))).rejects.toThrow(/Feature "y" is categorical/)
  })
})
