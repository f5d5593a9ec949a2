import type { Logger } from '../../runtime/node-api/define-node'
import type { Dataset } from '../../runtime/values/dataset'
import { decideHeader, headerNames, type HeaderChoice } from './csv-parse'
import { tableBuilder } from './infer-columns'
import { inferOptions, type ColumnParams } from './load-table'

/**
 * Typed cell values (from a spreadsheet, a Parquet file or an SQL result) → a dataset, through
 * the same column inference as CSV text: every source types, names and reports columns alike.
 */

/** A cell as the text the column builders read; '' (missing) for null. */
export function cellText(v: unknown, column: string, where: string): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString()
  throw new Error(`Column "${column}" holds binary or nested data on ${where}; only numbers, text, booleans and dates can be loaded.`)
}

export interface RowsSource {
  /** Column names; undefined when the first row may be the header (`header` decides). */
  names?: string[]
  rows: ArrayLike<ArrayLike<unknown>>
  /** Where row `i` (0-based, of `rows`) is, for messages: "row 21" (a sheet row), "record 3". */
  where: (i: number) => string
}

/** Builds a dataset from rows of typed cells with the loader params; odd cells are warned about on `log`. */
export function datasetFromRows(src: RowsSource, params: ColumnParams & { header?: HeaderChoice }, log: Logger): Dataset {
  const width = src.names?.length ?? maxWidth(src.rows)
  const texts = (i: number, names?: string[]) => {
    const row = src.rows[i]
    const out = new Array<string>(width)
    for (let j = 0; j < width; j++) out[j] = cellText(j < row.length ? row[j] : null, names?.[j] ?? `column ${j + 1}`, src.where(i))
    return out
  }
  let first = 0
  let header = src.names
  if (!header) {
    if (src.rows.length === 0) throw new Error('The table is empty: it has no rows to read.')
    const top = texts(0)
    const sample = Array.from({ length: Math.min(200, src.rows.length - 1) }, (_, i) => texts(i + 1))
    const decided = decideHeader(top, sample, params.header)
    header = decided.header
    first = decided.hasHeader ? 1 : 0
  } else header = headerNames(header)
  if (src.rows.length - first === 0) throw new Error('The table has a header row but no data rows.')
  const table = tableBuilder(header, inferOptions(params, log), src.where)
  for (let i = first; i < src.rows.length; i++) table.push(texts(i, header), i)
  return table.build()
}

function maxWidth(rows: ArrayLike<ArrayLike<unknown>>): number {
  let w = 0
  for (let i = 0; i < rows.length; i++) w = Math.max(w, rows[i].length)
  return w
}
