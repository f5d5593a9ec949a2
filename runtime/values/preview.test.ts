import { describe, expect, it } from 'vitest'
import type { Dataset } from './dataset'
import { previewValue } from './preview'

const table: Dataset = {
  kind: 'dataset',
  rows: 6,
  steps: [],
  columns: [
    { name: 'x', type: 'numeric', role: 'feature', values: Float64Array.from([3, NaN, -1, 3, 10, 0.5]) },
    { name: 'c', type: 'categorical', role: 'target', codes: Int32Array.from([1, 0, -1, 2, 0, 1]), categories: ['b', 'a', 'c'] },
  ],
}
const column = (p: ReturnType<typeof previewValue>, j: number) => (p.kind === 'dataset' ? p.head.map((r) => r[j]) : [])

describe('table previews', () => {
  it('show a page of rows from an offset', () => {
    const p = previewValue(table, { rows: 2, offset: 2 })
    expect(column(p, 0)).toEqual(['-1', '3'])
    expect(p).toMatchObject({ rows: 6, offset: 2 })
    expect(column(previewValue(table, { rows: 10, offset: 5 }), 0)).toEqual(['0.5'])
  })

  it('sort the whole table by a column before paging, missing cells last either way, ties in file order', () => {
    expect(column(previewValue(table, { rows: 6, sort: { column: 'x' } }), 0)).toEqual(['-1', '0.5', '3', '3', '10', ''])
    expect(column(previewValue(table, { rows: 6, sort: { column: 'x', descending: true } }), 0)).toEqual(['10', '3', '3', '0.5', '-1', ''])
    // Ties keep file order: rows 0 and 3 both hold 3; row 0 has category "a", row 3 "c".
    expect(column(previewValue(table, { rows: 6, sort: { column: 'x', descending: true } }), 1)).toEqual(['b', 'a', 'c', 'a', '', 'b'])
    expect(column(previewValue(table, { rows: 2, offset: 3, sort: { column: 'c' } }), 1)).toEqual(['b', 'c'])
    expect(column(previewValue(table, { rows: 6, sort: { column: 'c', descending: true } }), 1)).toEqual(['c', 'b', 'b', 'a', 'a', ''])
  })
})
