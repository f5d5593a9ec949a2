import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { subsetRows } from '../../ml/table/table'
import { cells, runNode, table } from '../../tests/support/table-testing'
import { dropDuplicatesNode } from './drop-duplicates'
import { dropMissingNode } from './drop-missing'
import { outliersNode } from './outliers'

describe('clean.drop-missing', () => {
  it('drops rows with a missing cell in any column, or in the chosen ones', async () => {
    const d = table({ a: [1, null, 3, 4], b: ['x', 'y', null, 'z'] })
    expect(cells((await runNode(dropMissingNode, { data: d })).data as Dataset, 'a')).toEqual([1, 4])
    expect(cells((await runNode(dropMissingNode, { data: d }, { columns: ['a'] })).data as Dataset, 'a')).toEqual([1, 3, 4])
    await expect(runNode(dropMissingNode, { data: d }, { columns: ['q'] })).rejects.toThrow('Column "q" not found')
  })
})

describe('clean.drop-duplicates', () => {
  it('keeps the first of equal rows; missing equals missing; can compare a subset', async () => {
    const d = table({ a: [1, 1, null, null, 2], b: ['x', 'x', 'y', 'y', 'x'] })
    expect(cells((await runNode(dropDuplicatesNode, { data: d })).data as Dataset, 'a')).toEqual([1, null, 2])
    expect(cells((await runNode(dropDuplicatesNode, { data: d }, { columns: ['b'] })).data as Dataset, 'a')).toEqual([1, null])
    expect(d.steps).toEqual([])
  })
})

describe('clean.outliers', () => {
  const d = table({ x: [1, 2, 3, 4, 100, null] })

  it('clips to Tukey fences from numpy-interpolated quartiles', async () => {
    // Q1 = 2, Q3 = 4 (of 1, 2, 3, 4, 100), IQR = 2: fences [-1, 7].
    const out = (await runNode(outliersNode, { data: d })).data as Dataset
    expect(cells(out, 'x')).toEqual([1, 2, 3, 4, 7, null])
    expect(out.steps.at(-1)).toEqual({ type: 'clean.outliers', state: { columns: ['x'], lower: [-1], upper: [7] } })
  })

  it('drops rows outside mean ± z·std (population std), keeping missing cells', async () => {
    // mean 22, std √1522 ≈ 39.013: z = 1.5 gives an upper bound ≈ 80.52.
    const out = (await runNode(outliersNode, { data: d }, { method: 'zscore', z: 1.5, action: 'drop' })).data as Dataset
    expect(cells(out, 'x')).toEqual([1, 2, 3, 4, null])
    const clipped = (await runNode(outliersNode, { data: d }, { method: 'zscore', z: 1.5 })).data as Dataset
    expect(cells(clipped, 'x')[4]).toBeCloseTo(22 + 1.5 * Math.sqrt(1522), 9)
  })

  it('fits bounds on train and applies them to test', async () => {
    const splits: Splits = { kind: 'splits', train: subsetRows(d, [0, 1, 2, 3]), test: subsetRows(d, [4]) }
    // Train 1..4: Q1 = 1.75, Q3 = 3.25, fences [-0.5, 5.5].
    const out = (await runNode(outliersNode, { data: splits })).data as Splits
    expect(cells(out.test!, 'x')).toEqual([5.5])
    expect(outliersNode.summarize!({ data: out }, { method: 'iqr', action: 'clip' } as never)).toMatchObject({
      fittedOn: 'train',
      lower: { x: -0.5 },
      upper: { x: 5.5 },
    })
  })
})
