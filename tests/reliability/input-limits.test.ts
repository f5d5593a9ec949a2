import { describe, expect, it } from 'vitest'
import { MAX_CLASSES, trainingTable } from '../../ml/families/training-table'
import { csvNode } from '../../nodes/data/csv'
import { MAX_COLUMNS } from '../../nodes/data/csv-parse'
import type { Dataset } from '../../runtime/values/dataset'
import { runNode, table, textFile } from '../support/table-testing'

const csvOf = (columns: number, rows: number) => {
  const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',')
  const row = Array.from({ length: columns }, (_, j) => String(j % 7)).join(',')
  return [header, ...Array.from({ length: rows }, () => row)].join('\n')
}
const load = async (text: string) => (await runNode(csvNode, {}, { path: 'wide.csv' }, { path: textFile(text) })).data as Dataset

describe('documented input limits: a clear message instead of a crash (issue 15, point 10)', () => {
  it(`reads a CSV of ${MAX_COLUMNS} columns and refuses one more, naming both numbers`, async () => {
    expect((await load(csvOf(MAX_COLUMNS, 2))).columns).toHaveLength(MAX_COLUMNS)
    await expect(load(csvOf(MAX_COLUMNS + 1, 2))).rejects.toThrow(`The file has ${MAX_COLUMNS + 1} columns; the limit is ${MAX_COLUMNS}.`)
  }, 30_000)

  it(`trains on ${MAX_CLASSES} classes and refuses a target of more, pointing to the ID role`, () => {
    const labels = (n: number) => Array.from({ length: n }, (_, i) => `class ${i}`)
    const at = trainingTable(table({ x: labels(MAX_CLASSES).map((_, i) => i), y: labels(MAX_CLASSES) }, 'y'), 'classification', ['classification'])
    expect(at.classes).toHaveLength(MAX_CLASSES)
    const over = table({ x: labels(MAX_CLASSES + 1).map((_, i) => i), y: labels(MAX_CLASSES + 1) }, 'y')
    expect(() => trainingTable(over, 'classification', ['classification'])).toThrow(
      `Target "y" has ${MAX_CLASSES + 1} classes; the limit is ${MAX_CLASSES}`,
    )
    expect(() => trainingTable(over, 'classification', ['classification'])).toThrow('give it the ID role')
  })
})
