import type { Column, Dataset } from '../../runtime/values/dataset'
import { parseTypeList, type DecimalMark } from '../../ml/table/cast'
import { listNames, makeDataset, quoteList } from '../../ml/table/table'
import { columnBuilder } from './column-builder'

/** Rows of cell texts → typed columns with roles: shared by the CSV, URL and JSON loaders. */

export interface InferOptions {
  /** True for cells that mean "missing". */
  isMissing: (text: string) => boolean
  /** "col:categorical, col2:numeric" overrides of the inferred types. */
  types: string
  /** Target column name; '' means the last column. */
  target: string
  /** No target at all (unsupervised data). */
  noTarget: boolean
  /** Columns that identify rows and are never used as features. */
  ids: string[]
  /** Told about numeric columns that read some cells as missing (see `DIRTY_SHARE`). */
  warn?: (message: string) => void
  /** Told about numeric columns written with a currency or percent sign or thousands separators. */
  info?: (message: string) => void
  /** How numbers write their fraction; a point unless said. */
  decimal?: DecimalMark
}

export interface TableBuilder {
  /** Adds one row (as many cells as the header); `at` locates it in messages. */
  push(row: readonly string[], at: number): void
  build(): Dataset
}

/**
 * Streams rows into typed columns: a column is numeric when its non-missing cells are plain
 * numbers (all but a few, see `DIRTY_SHARE`), otherwise categorical, unless `types` says
 * otherwise. Roles are assigned at the end.
 */
export function tableBuilder(header: string[], opts: InferOptions, where: (at: number) => string): TableBuilder {
  if (header.length === 0) throw new Error('The data has no columns.')
  const overrides = parseTypeList(opts.types)
  const unknown = [...overrides.keys()].filter((n) => !header.includes(n))
  if (unknown.length) throw new Error(`types: no column named ${quoteList(unknown)}. Columns: ${header.join(', ')}.`)
  const builders = header.map((name) => columnBuilder(name, { isMissing: opts.isMissing, type: overrides.get(name), where, decimal: opts.decimal }))
  let rows = 0
  return {
    push(row, at) {
      for (let j = 0; j < builders.length; j++) builders[j].push(row[j], at)
      rows++
    },
    build() {
      const columns = builders.map((b) => b.build())
      for (const b of builders) {
        const note = b.note()
        if (note) opts.info?.(note)
        const w = b.warning()
        if (w) opts.warn?.(w)
      }
      assignRoles(columns, opts)
      return makeDataset(columns, [], rows)
    },
  }
}

/** Builds a dataset from column-major cell texts (JSON records); messages count records from 1. */
export function buildDataset(header: string[], cells: string[][], opts: InferOptions): Dataset {
  const table = tableBuilder(header, opts, (i) => `record ${i + 1}`)
  const rows = cells[0]?.length ?? 0
  const row: string[] = new Array(header.length)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < header.length; j++) row[j] = cells[j][i]
    table.push(row, i)
  }
  return table.build()
}

function assignRoles(columns: Column[], opts: InferOptions): void {
  const names = columns.map((c) => c.name)
  const missingIds = opts.ids.filter((n) => !names.includes(n))
  if (missingIds.length) {
    throw new Error(`ID columns: no column named ${quoteList(missingIds)}. Columns: ${listNames(columns)}.`)
  }
  for (const c of columns) if (opts.ids.includes(c.name)) c.role = 'id'
  if (opts.noTarget) return
  const target = opts.target || [...columns].reverse().find((c) => c.role !== 'id')?.name
  if (!target) return
  const col = columns.find((c) => c.name === target)
  if (!col) throw new Error(`Target column "${target}" not found. Available columns: ${listNames(columns)}.`)
  if (col.role === 'id') throw new Error(`Column "${target}" cannot be both the target and an ID column.`)
  col.role = 'target'
}
