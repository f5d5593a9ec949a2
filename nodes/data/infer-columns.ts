import type { Column, Dataset } from '../../runtime/values/dataset'
import { categoricalFromTexts, parseNumber, parseTypeList } from '../shared/table-cast'
import { listNames, makeDataset, quoteList } from '../shared/table'
import { schemaStep } from './schema-step'

/** Raw cell texts → typed columns with roles: shared by the CSV, URL and JSON loaders. */

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
}

/** A column is numeric when every non-missing cell is a plain number, otherwise categorical. */
export function inferColumn(name: string, cells: readonly string[], isMissing: (t: string) => boolean, type?: Column['type']): Column {
  const values = new Float64Array(cells.length)
  let numeric = type !== 'categorical'
  for (let i = 0; i < cells.length && numeric; i++) {
    if (isMissing(cells[i])) {
      values[i] = NaN
      continue
    }
    const v = parseNumber(cells[i])
    if (v === undefined) {
      if (type === 'numeric') {
        throw new Error(
          `Column "${name}" was set to numeric, but row ${i + 1} holds "${cells[i]}". ` +
            'Remove that override, add the value to the missing-value tokens, or fix the file.',
        )
      }
      numeric = false
    } else values[i] = v
  }
  if (numeric) return { name, type: 'numeric', role: 'feature', values }
  return categoricalFromTexts(
    name,
    cells.map((c) => (isMissing(c) ? undefined : c)),
  )
}

/** Builds a dataset from named columns of cell texts: types inferred (or overridden), roles assigned. */
export function buildDataset(header: string[], cells: string[][], opts: InferOptions): Dataset {
  if (header.length === 0) throw new Error('The data has no columns.')
  const overrides = parseTypeList(opts.types)
  const unknown = [...overrides.keys()].filter((n) => !header.includes(n))
  if (unknown.length) {
    throw new Error(`types: no column named ${quoteList(unknown)}. Columns: ${header.join(', ')}.`)
  }
  const columns = header.map((name, j) => inferColumn(name, cells[j], opts.isMissing, overrides.get(name)))
  assignRoles(columns, opts)
  const dataset = makeDataset(columns, [], cells[0]?.length ?? 0)
  return { ...dataset, steps: [schemaStep(dataset)] }
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
