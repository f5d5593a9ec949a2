import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import {
  categoricalColumn,
  featureMatrix,
  fittedOn,
  makeDataset,
  mapSplits,
  numericColumn,
  subsetRows,
  targetVector,
} from './table'

const table = (): Dataset =>
  makeDataset([
    numericColumn('a', Float64Array.of(1, 2, 3)),
    numericColumn('b', Float64Array.of(10, 20, 30)),
    numericColumn('id', Float64Array.of(7, 8, 9), 'id'),
    categoricalColumn('y', Int32Array.of(1, 0, 1), ['no', 'yes'], 'target'),
  ])

describe('featureMatrix', () => {
  it('returns numeric features row-major, skipping id and target', () => {
    const m = featureMatrix(table())
    expect(m.names).toEqual(['a', 'b'])
    expect(m.rows).toBe(3)
    expect(m.cols).toBe(2)
    expect([...m.values]).toEqual([1, 10, 2, 20, 3, 30])
  })

  it('names a categorical feature that needs encoding', () => {
    const d = table()
    d.columns.push(categoricalColumn('city', Int32Array.of(0, 1, 0), ['x', 'y']))
    expect(() => featureMatrix(d)).toThrow('Feature column "city" is categorical; add a One-hot or Ordinal encoding')
  })

  it('names a feature with missing values', () => {
    const d = table()
    ;(d.columns[1] as { values: Float64Array }).values[1] = NaN
    expect(() => featureMatrix(d)).toThrow('Feature column "b" has missing values; add an Impute')
  })

  it('refuses a table without features', () => {
    const d = makeDataset([numericColumn('y', Float64Array.of(1), 'target')])
    expect(() => featureMatrix(d)).toThrow('no feature columns')
  })
})

describe('targetVector', () => {
  it('gives class codes and class names for a categorical target', () => {
    const t = targetVector(table())!
    expect(t).toMatchObject({ name: 'y', type: 'categorical', classes: ['no', 'yes'] })
    expect([...t.values]).toEqual([1, 0, 1])
  })

  it('is undefined without a target and throws on a missing target value', () => {
    const d = table()
    d.columns[3].role = 'feature'
    expect(targetVector(d)).toBeUndefined()
    const e = table()
    ;(e.columns[3] as { codes: Int32Array }).codes[0] = -1
    expect(() => targetVector(e)).toThrow('Target column "y" has missing values')
  })
})

describe('splits helpers', () => {
  it('maps over each split and reports what a fit used', () => {
    const d = table()
    const splits = { kind: 'splits' as const, train: subsetRows(d, [0, 1]), test: subsetRows(d, [2]) }
    const out = mapSplits(splits, (x) => subsetRows(x, [0]))
    expect(out.train.rows).toBe(1)
    expect(out.test!.rows).toBe(1)
    expect(out.validation).toBeUndefined()
    expect(fittedOn(splits)).toBe('train')
    expect(fittedOn(d)).toBe('all rows')
  })
})
