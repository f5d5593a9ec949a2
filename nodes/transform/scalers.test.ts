import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { cells, paramsError, runNode, table } from '../../tests/support/table-testing'
import { subsetRows } from '../../ml/table/table'
import { minMaxNode } from './minmax'
import { standardizeNode } from './standardize'

const splitsOf = (d: Dataset, train: number[], test: number[]): Splits => ({
  kind: 'splits',
  train: subsetRows(d, train),
  test: subsetRows(d, test),
})

const close = (got: (number | string | null)[], want: (number | null)[]) =>
  got.forEach((g, i) => (want[i] === null ? expect(g).toBeNull() : expect(g as number).toBeCloseTo(want[i]!, 6)))

describe('transform.standardize', () => {
  it('uses the population std (StandardScaler) and fits on all rows of one table', async () => {
    const d = table({ x: [1, 2, 3, 4], k: [5, 5, 5, 5], y: ['a', 'b', 'a', 'b'] }, 'y')
    const out = (await runNode(standardizeNode, { data: d })).data as Dataset
    close(cells(out, 'x'), [-1.341641, -0.447214, 0.447214, 1.341641])
    expect(cells(out, 'k')).toEqual([0, 0, 0, 0])
    expect(out.steps.at(-1)).toMatchObject({ type: 'transform.standardize', state: { columns: ['x', 'k'], mean: [2.5, 5], scale: [Math.sqrt(1.25), 1] } })
    const summary = standardizeNode.summarize!({ data: out }, {} as never)
    expect(summary).toMatchObject({ fittedOn: 'all rows', rows: 4, columns: 3, mean: { x: 2.5, k: 5 } })
  })

  it('fits on train only and applies the training statistics to test (no leakage)', async () => {
    const d = table({ x: [1, 2, 3, 10] })
    const out = (await runNode(standardizeNode, { data: splitsOf(d, [0, 1, 2], [3]) })).data as Splits
    close(cells(out.train, 'x'), [-1.224745, 0, 1.224745])
    close(cells(out.test!, 'x'), [8 / Math.sqrt(2 / 3)])
    expect(out.test!.steps).toEqual(out.train.steps)
    expect(standardizeNode.summarize!({ data: out }, {} as never)).toMatchObject({ fittedOn: 'train', train: 3, test: 1 })
  })

  it('ignores missing values when fitting and keeps them missing; can skip centring', async () => {
    const d = table({ x: [1, null, 3] })
    close(cells((await runNode(standardizeNode, { data: d })).data as Dataset, 'x'), [-1, null, 1])
    close(cells((await runNode(standardizeNode, { data: d }, { withMean: false })).data as Dataset, 'x'), [1, null, 3])
  })

  it('refuses a categorical column and an all-missing column with plain messages', async () => {
    const d = table({ x: [1, 2], c: ['a', 'b'], e: [null, null] })
    await expect(runNode(standardizeNode, { data: d }, { columns: ['c'] })).rejects.toThrow(
      'Standardize works on numeric columns; "c" is categorical: encode it first or leave it out.',
    )
    await expect(runNode(standardizeNode, { data: d }, { columns: ['e'] })).rejects.toThrow('Column "e" has no values in the fitting rows')
    await expect(runNode(standardizeNode, { data: d }, { columns: ['zz'] })).rejects.toThrow('Column "zz" not found')
    await expect(runNode(standardizeNode, { data: 3 })).rejects.toThrow('needs a dataset or splits')
  })
})

describe('transform.minmax', () => {
  it('maps the training range onto [min, max], test values may fall outside', async () => {
    const d = table({ x: [2, 4, 6, 8], k: [3, 3, 3, 3] })
    const out = (await runNode(minMaxNode, { data: splitsOf(d, [0, 1, 2], [3]) }, { min: -1, max: 1 })).data as Splits
    close(cells(out.train, 'x'), [-1, 0, 1])
    close(cells(out.test!, 'x'), [2])
    expect(cells(out.train, 'k')).toEqual([-1, -1, -1])
    expect(minMaxNode.summarize!({ data: out }, {} as never)).toMatchObject({ fittedOn: 'train', dataMin: { x: 2, k: 3 }, dataMax: { x: 6, k: 3 } })
  })

  it('rejects an empty range', async () => {
    await expect(runNode(minMaxNode, { data: table({ x: [1, 2] }) }, { min: 1, max: 1 })).rejects.toThrow('must be below the maximum')
    expect(minMaxNode.check!({ columns: [], min: 2, max: 1 }, {})).toHaveLength(1)
    expect(paramsError(minMaxNode, { min: 'a' })).toMatch(/min/)
  })
})
