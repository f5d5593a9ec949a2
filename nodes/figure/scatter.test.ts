import { describe, expect, it } from 'vitest'
import type { Figure } from '../../runtime/values/figure'
import type { Predictions } from '../../runtime/values/ml'
import { makeDataset, numericColumn } from '../../ml/table/table'
import { runNode, table } from '../../tests/support/table-testing'
import { scatterFigureNode as node } from './scatter'

const scatter = async (data: unknown, given: Record<string, unknown> = {}) => (await runNode(node, { data }, given)).figure as Figure

const flowers = table({ a: [1, 2, 3, 4], b: [10, 20, 30, 40], c: [5, 6, 7, 8], kind: ['s', 'v', 's', 'v'] }, 'kind')

describe('figure.scatter', () => {
  it('plots the first two numeric features coloured by the target, one series per class', async () => {
    const f = await scatter(flowers)
    expect(f).toMatchObject({ chart: 'scatter', xLabel: 'a', yLabel: 'b', title: 'b vs a by kind' })
    expect(f.series).toEqual([
      { name: 's', mode: 'points', x: [1, 3], y: [10, 30], classIndex: 0 },
      { name: 'v', mode: 'points', x: [2, 4], y: [20, 40], classIndex: 1 },
    ])
    expect(f.summary).toEqual({ chart: 'scatter', points: 4, colour: 'kind', groups: 2 })
  })

  it('takes named columns, a numeric colour scale, or no colour', async () => {
    const f = await scatter(flowers, { x: 'c', y: 'a', colour: 'b' })
    expect(f.series).toEqual([{ name: 'b', mode: 'points', x: [5, 6, 7, 8], y: [1, 2, 3, 4], value: [10, 20, 30, 40] }])
    const plain = await scatter(flowers, { colour: 'none' })
    expect(plain.series).toHaveLength(1)
    expect(plain.series[0].value).toBeUndefined()
  })

  it('skips rows with a missing coordinate and says so', async () => {
    const f = await scatter(table({ a: [1, null, 3], b: [1, 2, 3] }))
    expect(f.series[0].x).toEqual([1, 3])
    expect(f.notes).toEqual(['1 row(s) with a missing a or b are not drawn.'])
  })

  it('colours clustering predictions by cluster and plots their features', async () => {
    const pred: Predictions = {
      kind: 'predictions',
      task: 'clustering',
      rows: 3,
      predicted: Float64Array.from([1, 0, 1]),
      features: { names: ['u', 'v'], values: Float64Array.from([0, 1, 2, 3, 4, 5]) },
    }
    const f = await scatter(pred)
    expect(f.series).toEqual([
      { name: 'cluster 0', mode: 'points', x: [2], y: [3], classIndex: 0 },
      { name: 'cluster 1', mode: 'points', x: [0, 4], y: [1, 5], classIndex: 1 },
    ])
  })

  it('lists twelve clusters in numeric order, not as sorted text', async () => {
    const pred: Predictions = { kind: 'predictions', task: 'clustering', rows: 12, predicted: Float64Array.from({ length: 12 }, (_, i) => 11 - i), features: { names: ['u', 'v'], values: new Float64Array(24) } }
    const f = await scatter(pred)
    expect(f.series.map((s) => s.name)).toEqual(Array.from({ length: 12 }, (_, k) => `cluster ${k}`))
  })

  it('plots embedding coordinates coloured by true class codes', async () => {
    const pred: Predictions = {
      kind: 'predictions',
      task: 'embedding',
      rows: 3,
      predicted: Float64Array.from([0.5, 1, 2]),
      actual: Float64Array.from([2, 0, 2]),
      features: { names: ['pc_1', 'pc_2'], values: Float64Array.from([0.5, 9, 1, 8, 2, 7]) },
    }
    const f = await scatter(pred)
    expect(f).toMatchObject({ xLabel: 'pc_1', yLabel: 'pc_2' })
    expect(f.series.map((s) => [s.name, s.x])).toEqual([['0', [1]], ['2', [0.5, 2]]])
    const measured = await scatter({ ...pred, actual: Float64Array.from([0.5, 1.5, 2]) })
    expect(measured.series[0].value).toEqual([0.5, 1.5, 2])
  })

  it('stacks all splits, or plots one', async () => {
    const part = (a: number[]) => table({ a, b: a, k: a.map((v) => (v > 2 ? 'hi' : 'lo')) }, 'k')
    const splits = { kind: 'splits', train: part([1, 2]), test: part([3]) }
    const all = await scatter(splits)
    expect(all.series.map((s) => [s.name, s.x])).toEqual([['lo', [1, 2]], ['hi', [3]]])
    const test = await scatter(splits, { split: 'test' })
    expect(test.summary.points).toBe(1)
    await expect(scatter(splits, { split: 'validation' })).rejects.toThrow(/no validation split/)
  })

  it('caps the points sent to the viewer at 5000', async () => {
    const n = 12_000
    const d = makeDataset([
      numericColumn('x', Float64Array.from({ length: n }, (_, i) => i)),
      numericColumn('y', Float64Array.from({ length: n }, (_, i) => -i)),
    ])
    const f = await scatter(d)
    expect(f.series[0].x).toHaveLength(5000)
    expect(f.series[0].x.slice(0, 3)).toEqual([0, 2, 4])
    expect(f.notes).toEqual(['Showing 5000 of 12000 points, evenly spaced over the rows.'])
  })

  it('explains bad columns', async () => {
    await expect(scatter(flowers, { x: 'kind' })).rejects.toThrow(/Column "kind" on the x axis is categorical/)
    await expect(scatter(flowers, { y: 'nope' })).rejects.toThrow(/Column "nope" not found. Available columns: a, b, c, kind/)
    await expect(scatter(table({ a: [1, 2] }))).rejects.toThrow(/1 numeric feature column\(s\); a scatter plot needs two/)
    await expect(scatter({ kind: 'model' })).rejects.toThrow(/needs a dataset, splits or predictions/)
  })
})
