/** Columnar tables: the `dataset` and `splits` port values. */

export type ColumnRole = 'feature' | 'target' | 'id' | 'ignore'

/** Numbers stored as float64; NaN marks a missing value. */
export interface NumericColumn {
  name: string
  type: 'numeric'
  role: ColumnRole
  values: Float64Array
}

/** Categories stored as codes into `categories`; -1 marks a missing value. */
export interface CategoricalColumn {
  name: string
  type: 'categorical'
  role: ColumnRole
  codes: Int32Array
  categories: string[]
}

export type Column = NumericColumn | CategoricalColumn

/** A fitted preprocessing step (kept so a trained model can score raw rows). */
export interface FittedStep {
  type: string
  state: Record<string, unknown>
}

/**
 * How to replay a saved fitted step on new rows: declared by the node that writes the step
 * (NodeDefinition.replays), collected from the node list, used to score raw rows through a
 * model's lineage. `step` is the FittedStep.type it replays: the type id of that node.
 */
export interface StepReplay {
  readonly step: string
  replay(state: Record<string, unknown>, d: Dataset): Dataset
  /** True for a loader's schema step: a table whose lineage holds only such steps is raw rows as read. */
  readonly loader?: boolean
}

export interface Dataset {
  kind: 'dataset'
  rows: number
  columns: Column[]
  /** Fitted preprocessing steps that produced this table, oldest first. */
  steps: FittedStep[]
}

export interface Splits {
  kind: 'splits'
  train: Dataset
  validation?: Dataset
  test?: Dataset
}

export function isDataset(v: unknown): v is Dataset {
  return typeof v === 'object' && v !== null && (v as Dataset).kind === 'dataset'
}

export function isSplits(v: unknown): v is Splits {
  return typeof v === 'object' && v !== null && (v as Splits).kind === 'splits'
}

/** Counts missing cells of a column. */
export function missingCount(col: Column): number {
  let n = 0
  if (col.type === 'numeric') for (const v of col.values) n += Number.isNaN(v) ? 1 : 0
  else for (const c of col.codes) n += c < 0 ? 1 : 0
  return n
}
