import type { Column, Dataset } from '../../runtime/values/dataset'
import { columnBuilder } from '../../nodes/data/column-builder'
import { cellNumber, missingTokens, type DecimalMark } from '../../ml/table/cast'
import { makeDataset } from '../../ml/table/table'
import type { InputColumn } from '../bundle/manifest'

/** A row that cannot be scored, with the JSON path of the offending field (`instances[2].age`). */
export class RowError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`)
  }
}

const isMissing = missingTokens()

/** A JSON string's number, as a CSV cell's (formatted numbers included: "$1,200"). */
const readNumber = cellNumber('point')

/**
 * Cell texts → the raw table a loader would have produced, with the bundle's declared column
 * types forced (a CSV chunk of a numeric column never turns categorical because of one odd
 * cell: that cell is an error naming its row). The lineage's schema step then casts
 * categories to the training codes exactly as the canvas does. `decimal`: how the cells write
 * fractions (a CSV file exported with decimal commas).
 */
export function tableFromCells(
  columns: readonly InputColumn[],
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, column: string) => string,
  decimal: DecimalMark = 'point',
): Dataset {
  const parse = cellNumber(decimal)
  const at = new Map(header.map((h, j) => [h, j]))
  const absent = columns.filter((c) => c.required && !at.has(c.name)).map((c) => c.name)
  if (absent.length) throw new RowError(where(-1, absent[0]), `missing column "${absent[0]}" (required: ${absent.join(', ')})`)
  const out: Column[] = []
  for (const c of columns) {
    const j = at.get(c.name)
    if (j === undefined) continue
    const b = columnBuilder(c.name, { isMissing, type: c.type, where: (i) => `row ${i + 1}`, decimal })
    for (let i = 0; i < rows.length; i++) {
      const text = rows[i][j] ?? ''
      if (c.type === 'numeric' && !isMissing(text) && parse(text) === undefined) {
        throw new RowError(where(i, c.name), `expected a number, got ${JSON.stringify(text.slice(0, 40))}`)
      }
      b.push(text, i)
    }
    out.push({ ...b.build(), role: c.required ? 'feature' : 'ignore' })
  }
  return makeDataset(out, [], rows.length)
}

/** A JSON value as the cell text a CSV would hold; null/undefined are missing. */
function cellText(v: unknown, path: () => string): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RowError(path(), 'expected a finite number')
    return String(v)
  }
  if (typeof v === 'string') return v
  throw new RowError(path(), `expected a number or a string, got ${Array.isArray(v) ? 'an array' : typeof v}`)
}

/**
 * TensorFlow Serving's `instances` (one object per row, keyed by column name) → cell texts.
 * Every required column must be a key of every row; numeric columns take numbers (or
 * numeric strings), and null marks a missing value for the lineage's imputation.
 */
export function cellsFromInstances(columns: readonly InputColumn[], instances: unknown, field = 'instances') {
  if (!Array.isArray(instances)) throw new RowError(field, 'expected an array of rows')
  const header = columns.map((c) => c.name)
  const rows = instances.map((row, i) => {
    const path = (name?: string) => `${field}[${i}]${name === undefined ? '' : `.${name}`}`
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new RowError(path(), 'expected an object of column values')
    return columns.map((c) => {
      if (!Object.hasOwn(row, c.name)) {
        if (c.required) throw new RowError(path(c.name), 'missing field')
        return ''
      }
      const text = cellText((row as Record<string, unknown>)[c.name], () => path(c.name))
      if (c.type === 'numeric' && !isMissing(text) && readNumber(text) === undefined) {
        throw new RowError(path(c.name), `expected a number, got ${JSON.stringify(text.slice(0, 40))}`)
      }
      return text
    })
  })
  return { header, rows }
}
