import { describe, expect, it } from 'vitest'
import { cells } from '../../tests/support/table-testing'
import type { InputColumn } from '../bundle/manifest'
import { cellsFromInstances, RowError, tableFromCells } from './raw-table'

const columns: InputColumn[] = [
  { name: 'income', type: 'numeric', required: true },
  { name: 'share', type: 'numeric', required: true },
  { name: 'city', type: 'categorical', categories: ['Lyon', 'Paris'], required: true },
]

describe('rows to score', () => {
  it('reads numbers as a spreadsheet formats them, in CSV cells and in JSON strings', () => {
    const where = (row: number, column: string) => `row ${row + 1}, column ${column}`
    const rows = [
      ['$44,000.50', '45%', 'Paris'],
      ['1.234,5', '7', 'Lyon'],
    ]
    const points = tableFromCells(columns, ['income', 'share', 'city'], rows.slice(0, 1), where)
    expect(cells(points, 'income')).toEqual([44000.5])
    expect(cells(points, 'share')).toEqual([0.45])
    const commas = tableFromCells(columns, ['income', 'share', 'city'], rows.slice(1), where, 'comma')
    expect(cells(commas, 'income')).toEqual([1234.5])
    const json = cellsFromInstances(columns, [{ income: '$1,200', share: 0.5, city: 'Lyon' }])
    expect(json.rows).toEqual([['$1,200', '0.5', 'Lyon']])
    expect(cells(tableFromCells(columns, json.header, json.rows, where), 'income')).toEqual([1200])
  })

  it('still refuses a word in a numeric column, naming where it is', () => {
    expect(() => cellsFromInstances(columns, [{ income: 'lots', share: 1, city: 'Lyon' }])).toThrow(new RowError('instances[0].income', 'expected a number, got "lots"'))
    expect(() => tableFromCells(columns, ['income', 'share', 'city'], [['1', '$', 'Lyon']], (i, c) => `row ${i + 1}, column ${c}`)).toThrow(
      'row 1, column share: expected a number, got "$"',
    )
  })
})
