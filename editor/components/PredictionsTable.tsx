import { useMemo, useState } from 'react'
import { rowNames } from '../../runtime/values/prediction-rows'
import type { Preview } from '../../runtime/worker/engine-api'
import { download } from '../engine/commands'
import { toCsv } from '../lib/csv'
import { formatNumber } from '../lib/format'
import { DataTable, nextSort, type TableSort } from './DataTable'

/** A predictions value as the preview sends it: typed arrays become plain arrays. */
export interface PredictionsView {
  kind: 'predictions'
  task: string
  rows: number
  classes?: string[]
  predicted: number[]
  actual?: number[]
  probabilities?: number[]
  split?: string
  ids?: { name: string; values: string[] }[]
}

export const isPredictionsView = (v: unknown): v is PredictionsView =>
  !!v && typeof v === 'object' && (v as PredictionsView).kind === 'predictions' && Array.isArray((v as PredictionsView).predicted)

/** `numeric`: sorted by value; `ids`: text sorted with its numbers by value (L9 before L10). */
type Table = { header: string[]; numeric: boolean[]; ids: number; rows: string[][]; wrong: boolean[]; size: number[] }

const num = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '')

/** Rows of the predictions table: the rows' ID columns (else the row number), actual, predicted, then per-class probabilities or the residual. */
function tableOf(p: PredictionsView): Table {
  const classes = p.classes
  const label = (i: number | undefined) => (i === undefined || !Number.isFinite(i) ? '' : classes ? (classes[i] ?? String(i)) : num(i))
  const k = classes?.length ?? 0
  const probs = classes && p.probabilities && p.probabilities.length === p.rows * k ? p.probabilities : undefined
  const regression = !classes && p.actual !== undefined
  const names = rowNames(p.ids)
  const ids = p.ids?.length ?? 0
  const header = [...names.header, ...(p.actual ? ['actual'] : []), 'predicted', ...(probs ? classes!.map((c) => `p(${c})`) : []), ...(regression ? ['residual'] : [])]
  const numeric = header.map((h, j) => (j < names.header.length ? !ids : h.startsWith('p(') || h === 'residual' || !classes))
  const rows: string[][] = []
  const wrong: boolean[] = []
  const size: number[] = []
  for (let r = 0; r < p.rows; r++) {
    const actual = p.actual?.[r]
    const residual = regression ? actual! - p.predicted[r] : NaN
    rows.push([
      ...names.of(r).map(String),
      ...(p.actual ? [label(actual)] : []),
      label(p.predicted[r]),
      ...(probs ? Array.from({ length: k }, (_, c) => probs[r * k + c].toFixed(3)) : []),
      ...(regression ? [num(residual)] : []),
    ])
    wrong.push(classes ? actual !== undefined && actual !== p.predicted[r] : false)
    size.push(regression ? Math.abs(residual) : 0)
  }
  return { header, numeric, ids, rows, wrong, size }
}

/** Rows in the order of one column (numbers by value, text by text), empty cells last; ties keep their order. */
function sortRows(t: Table, rows: string[][], sort: TableSort | undefined): string[][] {
  const j = sort ? t.header.indexOf(sort.column) : -1
  if (j < 0) return rows
  const sign = sort!.descending ? -1 : 1
  const cmp = t.numeric[j]
    ? (a: string, b: string) => Number(a) - Number(b)
    : (a: string, b: string) => a.localeCompare(b, undefined, { numeric: j < t.ids })
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, k]) => (a[j] === '' ? (b[j] === '' ? i - k : 1) : b[j] === '' ? -1 : sign * cmp(a[j], b[j]) || i - k))
    .map(([r]) => r)
}

/** Predictions row by row, with a filter to the misclassified rows (or the largest residuals first) and a CSV download. */
export function PredictionsTable({ value }: { value: PredictionsView }) {
  const table = useMemo(() => tableOf(value), [value])
  const [onlyErrors, setOnlyErrors] = useState(false)
  const [sort, setSort] = useState<TableSort>()
  const classification = !!value.classes
  const shown = useMemo(() => {
    if (!onlyErrors) return sortRows(table, table.rows, sort)
    if (classification) return sortRows(table, table.rows.filter((_, i) => table.wrong[i]), sort)
    return table.rows.map((r, i) => [r, table.size[i]] as const).sort((a, b) => b[1] - a[1]).map(([r]) => r)
  }, [table, onlyErrors, classification, sort])
  const errors = table.wrong.filter(Boolean).length
  const preview: Extract<Preview, { kind: 'dataset' }> = {
    kind: 'dataset',
    rows: shown.length,
    columns: table.header.map((name, j) => ({
      name,
      type: table.numeric[j] ? 'numeric' : 'categorical',
      role: j < table.ids ? 'id' : name === 'actual' ? 'target' : 'feature',
      missing: 0,
    })),
    head: shown,
  }
  return (
    <div className="predictions">
      <div className="predictions-bar">
        <label>
          <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
          {classification ? `Only errors (${formatNumber(errors)} of ${formatNumber(value.rows)})` : 'Largest errors first'}
        </label>
        {value.split && <span className="muted">{value.split} rows</span>}
      </div>
      <DataTable
        preview={preview}
        label="Predictions"
        plain
        sort={sort}
        onSort={(column) => setSort(nextSort(sort, column))}
        onDownload={() => download('predictions.csv', toCsv(table.header, shown), 'text/csv')}
      />
    </div>
  )
}
