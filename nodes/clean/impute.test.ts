import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { subsetRows } from '../../ml/table/table'
import { cells, runNode, table } from '../../tests/support/table-testing'
import { imputeNode } from './impute'

const run = async (data: Dataset | Splits, given: Record<string, unknown> = {}) => (await runNode(imputeNode, { data }, given)).data

describe('clean.impute', () => {
  it('fills with the mean, median or most frequent value (ties to the smallest)', async () => {
    const d = table({ x: [1, null, 3, 1, 10], c: ['b', 'a', null, 'b', 'a'] })
    expect(cells((await run(d)) as Dataset, 'x')).toEqual([1, 3.75, 3, 1, 10])
    expect(cells((await run(d, { strategy: 'median' })) as Dataset, 'x')).toEqual([1, 2, 3, 1, 10])
    expect(cells((await run(d, { strategy: 'most_frequent' })) as Dataset, 'x')).toEqual([1, 1, 3, 1, 10])
    // Categories always take the most frequent value; "a" and "b" tie, "a" is smaller.
    expect(cells((await run(d)) as Dataset, 'c')).toEqual(['b', 'a', 'a', 'b', 'a'])
  })

  it('fills a constant: 0 and "missing_value" by default, or the given value', async () => {
    const d = table({ x: [null, 2], c: [null, 'u'] })
    const out = (await run(d, { strategy: 'constant' })) as Dataset
    expect(cells(out, 'x')).toEqual([0, 2])
    expect(cells(out, 'c')).toEqual(['missing_value', 'u'])
    expect(cells((await run(d, { strategy: 'constant', fill_value: '7', columns: ['x'] })) as Dataset, 'x')).toEqual([7, 2])
    await expect(run(d, { strategy: 'constant', fill_value: 'abc' })).rejects.toThrow('Fill value "abc" is not a number')
  })

  it('learns fill values on train only and applies them to every split', async () => {
    const d = table({ x: [1, 3, null, 100, null] })
    const splits: Splits = { kind: 'splits', train: subsetRows(d, [0, 1, 2]), test: subsetRows(d, [3, 4]) }
    const out = (await run(splits)) as Splits
    expect(cells(out.train, 'x')).toEqual([1, 3, 2])
    expect(cells(out.test!, 'x')).toEqual([100, 2])
    expect(imputeNode.summarize!({ data: out }, {} as never)).toMatchObject({ fittedOn: 'train', fills: { x: 2 } })
    expect(imputeNode.summarize!({ data: await run(d) }, {} as never)).toMatchObject({ fittedOn: 'all rows' })
  })

  it('leaves the target alone by default and says when a column has nothing to learn from', async () => {
    const d = table({ x: [1, null], y: [null, 1] }, 'y')
    expect(cells((await run(d)) as Dataset, 'y')).toEqual([null, 1])
    await expect(run(table({ e: [null, null] }))).rejects.toThrow('Column "e" has no values in the fitting rows')
  })
})
