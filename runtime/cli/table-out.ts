import Papa from 'papaparse'
import { isDataset, isSplits, type Dataset } from '../values/dataset'
import type { Predictions } from '../values/ml'
import { rowNames } from '../values/prediction-rows'

/**
 * `pipeline run --out NODE=path.csv`: a node's table output (a dataset, splits or predictions)
 * as rows, written as CSV (or TSV / JSON records by the file's extension).
 */

export interface OutSpec {
  node: string
  /** The output port; undefined picks the node's only table output. */
  port?: string
  path: string
}

/** Parses "NODE=path" or "NODE.PORT=path" (a node id that itself holds a dot is taken whole). */
export function parseOutSpec(text: string, nodeIds: ReadonlySet<string>): OutSpec {
  const eq = text.indexOf('=')
  if (eq <= 0 || eq === text.length - 1) throw new Error(`--out "${text}": expected NODE=path.csv (or NODE.PORT=path.csv).`)
  const target = text.slice(0, eq)
  const path = text.slice(eq + 1)
  const dot = target.lastIndexOf('.')
  if (nodeIds.has(target) || dot <= 0) return { node: target, path }
  return { node: target.slice(0, dot), port: target.slice(dot + 1), path }
}

/** A table as named columns of cells ('' when missing). */
export interface Rows {
  header: string[]
  rows: (string | number)[][]
}

const isPredictions = (v: unknown): v is Predictions => (v as Predictions | undefined)?.kind === 'predictions'

/** True for the values `--out` can write. */
export function isTableValue(v: unknown): boolean {
  return isDataset(v) || isSplits(v) || isPredictions(v)
}

function datasetRows(d: Dataset, lead?: [string, string]): Rows {
  const header = [...(lead ? [lead[0]] : []), ...d.columns.map((c) => c.name)]
  const rows: (string | number)[][] = new Array(d.rows)
  for (let i = 0; i < d.rows; i++) {
    const row: (string | number)[] = lead ? [lead[1]] : []
    for (const c of d.columns) {
      if (c.type === 'numeric') row.push(Number.isNaN(c.values[i]) ? '' : c.values[i])
      else row.push(c.codes[i] < 0 ? '' : c.categories[c.codes[i]])
    }
    rows[i] = row
  }
  return { header, rows }
}

/**
 * One row per prediction: the rows' ID columns (else the row number), actual, predicted (class names for
 * classifiers), then per-class probabilities or the residual.
 */
function predictionRows(p: Predictions): Rows {
  const classes = p.classes
  const label = (v: number) => (classes && Number.isInteger(v) && v >= 0 && v < classes.length ? classes[v] : v)
  const k = classes?.length ?? 0
  const probs = p.probabilities && k > 0 && p.probabilities.length === p.rows * k ? p.probabilities : undefined
  const residual = p.task === 'regression' && p.actual
  const names = rowNames(p.ids)
  const header = [...names.header, ...(p.actual ? ['actual'] : []), 'predicted', ...(probs ? classes!.map((c) => `p(${c})`) : []), ...(residual ? ['residual'] : [])]
  const rows: (string | number)[][] = new Array(p.rows)
  for (let i = 0; i < p.rows; i++) {
    const row = names.of(i)
    if (p.actual) row.push(p.actual[i] === -1 && classes ? '' : label(p.actual[i]))
    row.push(label(p.predicted[i]))
    if (probs) for (let j = 0; j < k; j++) row.push(probs[i * k + j])
    if (residual) row.push(p.actual![i] - p.predicted[i])
    rows[i] = row
  }
  return { header, rows }
}

/** The rows of a dataset, of splits (a leading "split" column) or of predictions. */
export function tableRows(v: unknown): Rows {
  if (isDataset(v)) return datasetRows(v)
  if (isPredictions(v)) return predictionRows(v)
  if (isSplits(v)) {
    const parts = (['train', 'validation', 'test'] as const).flatMap((s) => (v[s] ? [datasetRows(v[s]!, ['split', s])] : []))
    const rows: (string | number)[][] = []
    for (const part of parts) for (const r of part.rows) rows.push(r)
    return { header: parts[0].header, rows }
  }
  throw new Error('This value is not a table.')
}

/** The file text for `path`: JSON records for .json, tab-separated for .tsv, else CSV. */
export function formatRows(t: Rows, path: string): string {
  if (/\.json$/i.test(path)) {
    return JSON.stringify(t.rows.map((r) => Object.fromEntries(t.header.map((h, j) => [h, r[j] === '' ? null : r[j]])))) + '\n'
  }
  return Papa.unparse({ fields: t.header, data: t.rows }, { delimiter: /\.tsv$/i.test(path) ? '\t' : ',', newline: '\n' }) + '\n'
}
