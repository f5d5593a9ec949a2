import type { Column, Dataset } from '../../runtime/values/dataset'
import { isDataset, isSplits } from '../../runtime/values/dataset'
import type { Predictions } from '../../runtime/values/ml'
import { concatRows } from '../../ml/table/concat-rows'
import { categoricalColumn, makeDataset, numericColumn, targetColumn } from '../../ml/table/table'

/** Turns what a figure node receives (a dataset, splits or predictions) into one table to plot. */

export const SPLIT_CHOICES = ['all', 'train', 'validation', 'test'] as const
export type SplitChoice = (typeof SPLIT_CHOICES)[number]

/** One part of `splits` (or all of them stacked). */
function fromSplits(v: { train: Dataset; validation?: Dataset; test?: Dataset }, split: SplitChoice): Dataset {
  if (split === 'all') return concatRows([v.train, v.validation, v.test].filter((d): d is Dataset => d !== undefined))
  const part = v[split]
  if (!part) throw new Error(`The splits have no ${split} split; choose another split to plot.`)
  return part
}

/**
 * Labels as a categorical column: class names when known, else the numbers as text, in
 * numeric order (a legend reads cluster 0, 1, 2, …, 10, not 0, 1, 10, 11, 2); NaN is missing.
 */
function labelColumn(name: string, values: Float64Array, role: Column['role'], classes?: string[], prefix = ''): Column {
  if (classes) return categoricalColumn(name, Int32Array.from(values), classes, role)
  const distinct = [...new Set(values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  const code = new Map(distinct.map((v, k) => [v, k]))
  return categoricalColumn(name, Int32Array.from(values, (v) => code.get(v) ?? -1), distinct.map((v) => `${prefix}${v}`), role)
}

/** True for values that look like class codes (few distinct non-negative integers), not measurements. */
function looksLikeCodes(values: Float64Array): boolean {
  const distinct = new Set<number>()
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0) return false
    distinct.add(v)
    if (distinct.size > 20) return false
  }
  return true
}

/**
 * Predictions as a table: their feature columns (or embedding coordinates), then
 * `predicted` and `actual`. Classes and clusters become categorical columns; regression
 * values stay numeric, and so does an unsupervised model's true target unless it looks like
 * class codes (predictions of unsupervised models carry no class names).
 */
function fromPredictions(pred: Predictions): Dataset {
  const columns: Column[] = []
  const f = pred.features
  if (f) {
    const cols = f.names.length
    f.names.forEach((name, j) => {
      columns.push(numericColumn(name, Float64Array.from({ length: pred.rows }, (_, i) => f.values[i * cols + j])))
    })
  }
  if (pred.task === 'classification') {
    columns.push(labelColumn('predicted', pred.predicted, 'ignore', pred.classes))
    if (pred.actual) columns.push(labelColumn('actual', pred.actual, 'target', pred.classes))
  } else {
    if (pred.task === 'clustering') columns.push(labelColumn('predicted', pred.predicted, 'ignore', undefined, 'cluster '))
    else columns.push(numericColumn('predicted', pred.predicted, 'ignore'))
    const a = pred.actual
    if (a) columns.push(pred.task !== 'regression' && looksLikeCodes(a) ? labelColumn('actual', a, 'target') : numericColumn('actual', a, 'target'))
  }
  return makeDataset(columns, [], pred.rows)
}

export interface PlotTable {
  table: Dataset
  /** The column to colour by when the user names none: clusters, else the true labels. */
  colour?: string
}

/** The table a figure plots, from whatever the input port carried. */
export function plotTable(value: unknown, split: SplitChoice): PlotTable {
  const withTarget = (table: Dataset) => ({ table, colour: targetColumn(table)?.name })
  if (isDataset(value)) return withTarget(value)
  if (isSplits(value)) return withTarget(fromSplits(value, split))
  if (value && (value as Predictions).kind === 'predictions') {
    const pred = value as Predictions
    const table = fromPredictions(pred)
    return { table, colour: pred.task === 'clustering' || !pred.actual ? 'predicted' : 'actual' }
  }
  throw new Error('Input "data" needs a dataset, splits or predictions; connect a data, split or Predict node.')
}
