import type { CategoricalColumn, Column, ColumnRole, Dataset, NumericColumn, Splits } from '../../runtime/values/dataset'
import { isDataset, isSplits } from '../../runtime/values/dataset'
import { holdsDates } from './dates'
import { describeTask } from './task'

/** Shared helpers over `dataset` / `splits` values, used by data, clean, transform and model nodes. */

export type DatasetOrSplits = Dataset | Splits

/** Builds a dataset value; `rows` is taken from the first column (0 when there are none). */
export function makeDataset(columns: Column[], steps: Dataset['steps'] = [], rows?: number): Dataset {
  return { kind: 'dataset', rows: rows ?? (columns[0] ? columnLength(columns[0]) : 0), columns, steps }
}

export function columnLength(c: Column): number {
  return c.type === 'numeric' ? c.values.length : c.codes.length
}

/** Finds a column by name, or throws a message listing the columns that exist. */
export function getColumn(d: Dataset, name: string): Column {
  const col = d.columns.find((c) => c.name === name)
  if (!col) throw new Error(`Column "${name}" not found. Available columns: ${listNames(d.columns)}.`)
  return col
}

export function listNames(columns: Column[]): string {
  return columns.length ? columns.map((c) => c.name).join(', ') : '(none)'
}

export function featureColumns(d: Dataset): Column[] {
  return d.columns.filter((c) => c.role === 'feature')
}

export function targetColumn(d: Dataset): Column | undefined {
  return d.columns.find((c) => c.role === 'target')
}

/** The ID columns (role `id`) as text, a missing cell as ''. */
export function idTexts(d: Dataset): { name: string; values: string[] }[] {
  return d.columns
    .filter((c) => c.role === 'id')
    .map((c) => ({ name: c.name, values: Array.from({ length: columnLength(c) }, (_, i) => cellText(c, i)) }))
}

/** Accepts either a dataset or splits on an input port, with a plain message otherwise. */
export function requireData(v: unknown, port = 'data'): DatasetOrSplits {
  if (isDataset(v) || isSplits(v)) return v
  throw new Error(`Input "${port}" needs a dataset or splits; connect a data node.`)
}

/** The rows a transform is fitted on: the training split, or the whole dataset. */
export function fitRows(data: DatasetOrSplits): Dataset {
  return isSplits(data) ? data.train : data
}

/** Says what a transform was fitted on, for its summary. */
export function fittedOn(data: DatasetOrSplits): 'train' | 'all rows' {
  return isSplits(data) ? 'train' : 'all rows'
}

/** Applies `fn` to a dataset, or to each split of a splits value (keeping the shape). */
export function mapSplits(data: Dataset, fn: (d: Dataset, part: SplitName) => Dataset): Dataset
export function mapSplits(data: Splits, fn: (d: Dataset, part: SplitName) => Dataset): Splits
export function mapSplits(data: DatasetOrSplits, fn: (d: Dataset, part: SplitName) => Dataset): DatasetOrSplits
export function mapSplits(data: DatasetOrSplits, fn: (d: Dataset, part: SplitName) => Dataset): DatasetOrSplits {
  if (isDataset(data)) return fn(data, 'all')
  const out: Splits = { kind: 'splits', train: fn(data.train, 'train') }
  if (data.validation) out.validation = fn(data.validation, 'validation')
  if (data.test) out.test = fn(data.test, 'test')
  return out
}

export type SplitName = 'all' | 'train' | 'validation' | 'test'

/** A copy of a column keeping only the rows at `index` (in that order). */
export function subsetColumn(c: Column, index: ArrayLike<number>): Column {
  if (c.type === 'numeric') {
    const values = new Float64Array(index.length)
    for (let i = 0; i < index.length; i++) values[i] = c.values[index[i]]
    return { ...c, values }
  }
  const codes = new Int32Array(index.length)
  for (let i = 0; i < index.length; i++) codes[i] = c.codes[index[i]]
  return { ...c, codes }
}

/** A dataset keeping only the rows at `index`; steps are kept (row selection fits nothing). */
export function subsetRows(d: Dataset, index: ArrayLike<number>): Dataset {
  return { kind: 'dataset', rows: index.length, columns: d.columns.map((c) => subsetColumn(c, index)), steps: d.steps }
}

/** Replaces (by name) or appends columns, returning a new dataset. */
export function withColumns(d: Dataset, replace: Column[]): Dataset {
  const byName = new Map(replace.map((c) => [c.name, c]))
  const columns = d.columns.map((c) => byName.get(c.name) ?? c)
  const existing = new Set(d.columns.map((c) => c.name))
  for (const c of replace) if (!existing.has(c.name)) columns.push(c)
  return { ...d, columns }
}

export function numericColumn(name: string, values: Float64Array, role: ColumnRole = 'feature'): NumericColumn {
  return { name, type: 'numeric', role, values }
}

export function categoricalColumn(
  name: string,
  codes: Int32Array,
  categories: string[],
  role: ColumnRole = 'feature',
): CategoricalColumn {
  return { name, type: 'categorical', role, codes, categories }
}

/** True when row `i` of the column is missing. */
export function isMissing(c: Column, i: number): boolean {
  return c.type === 'numeric' ? Number.isNaN(c.values[i]) : c.codes[i] < 0
}

/** The cell as a display string ('' when missing). */
export function cellText(c: Column, i: number): string {
  if (c.type === 'numeric') return Number.isNaN(c.values[i]) ? '' : String(c.values[i])
  return c.codes[i] < 0 ? '' : c.categories[c.codes[i]]
}

export interface FeatureMatrix {
  names: string[]
  /** Row-major: value of feature j in row i is `values[i * cols + j]`. */
  values: Float64Array
  rows: number
  cols: number
}

/**
 * The numeric feature columns as a row-major matrix. Throws a plain message naming any
 * categorical feature (encode it first) or any feature with missing values (impute first),
 * because a model silently fed codes or NaN gives garbage.
 */
export function featureMatrix(d: Dataset): FeatureMatrix {
  const feats = featureColumns(d)
  if (feats.length === 0) {
    throw new Error('The dataset has no feature columns. Mark some columns as features (Set target / roles node).')
  }
  const categorical = feats.filter((c) => c.type === 'categorical')
  if (categorical.length) {
    const names = categorical.map((c) => c.name)
    const dates = categorical.filter(holdsDates).map((c) => c.name)
    const datesHint = dates.length ? ` (${quoteList(dates)} ${dates.length > 1 ? 'hold' : 'holds'} dates: a Date parts node turns ${dates.length > 1 ? 'them' : 'it'} into numbers)` : ''
    throw new Error(
      `Feature column${names.length > 1 ? 's' : ''} ${quoteList(names)} ${names.length > 1 ? 'are' : 'is'} categorical; ` +
        `add a One-hot or Ordinal encoding node before this one${datesHint}.`,
    )
  }
  const withMissing = feats.filter((c) => (c as NumericColumn).values.some(Number.isNaN)).map((c) => c.name)
  if (withMissing.length) {
    throw new Error(
      `Feature column${withMissing.length > 1 ? 's' : ''} ${quoteList(withMissing)} ${withMissing.length > 1 ? 'have' : 'has'} missing values; ` +
        'add an Impute missing values or Drop missing rows node before this one.',
    )
  }
  const rows = d.rows
  const cols = feats.length
  const values = new Float64Array(rows * cols)
  feats.forEach((c, j) => {
    const v = (c as NumericColumn).values
    for (let i = 0; i < rows; i++) values[i * cols + j] = v[i]
  })
  return { names: feats.map((c) => c.name), values, rows, cols }
}

export interface TargetVector {
  name: string
  type: 'numeric' | 'categorical'
  /** Numeric targets: the values; categorical: class codes as numbers (index into `classes`). */
  values: Float64Array
  classes?: string[]
}

/**
 * The target column as numbers (class codes for a categorical target), or undefined when
 * the dataset has no target. Throws when target values are missing.
 */
export function targetVector(d: Dataset): TargetVector | undefined {
  const t = targetColumn(d)
  if (!t) return undefined
  const missing = t.type === 'numeric' ? t.values.some(Number.isNaN) : t.codes.some((c) => c < 0)
  if (missing) {
    throw new Error(
      `Target column "${t.name}" has missing values; add a Drop missing rows node (on the target) before this one.`,
    )
  }
  if (t.type === 'numeric') return { name: t.name, type: 'numeric', values: Float64Array.from(t.values) }
  return { name: t.name, type: 'categorical', values: Float64Array.from(t.codes), classes: [...t.categories] }
}

export function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ')
}

/** A loader's summary: size, target, how many columns of each type, missing cells. */
export function describeTable(d: Dataset): Record<string, unknown> {
  const target = targetColumn(d)
  let missing = 0
  for (const c of d.columns) for (let i = 0; i < d.rows; i++) missing += isMissing(c, i) ? 1 : 0
  return {
    rows: d.rows,
    columns: d.columns.length,
    ...(target ? { target: target.name, task: describeTask(target) } : {}),
    numeric: d.columns.filter((c) => c.type === 'numeric').length,
    categorical: d.columns.filter((c) => c.type === 'categorical').length,
    missing,
  }
}
