import type { Preview } from '../worker/engine-api'
import { isDataset, isSplits, missingCount, type Column, type Dataset } from './dataset'

function cell(col: Column, row: number): string {
  if (col.type === 'numeric') {
    const v = col.values[row]
    return Number.isNaN(v) ? '' : String(Number.isInteger(v) ? v : Number(v.toPrecision(6)))
  }
  const code = col.codes[row]
  return code < 0 ? '' : (col.categories[code] ?? '')
}

/** Which rows a table preview shows: a page of `rows` from `offset`, optionally in the order of one column. */
export interface PreviewOptions {
  split?: string
  rows?: number
  offset?: number
  sort?: { column: string; descending?: boolean }
}

/**
 * Row numbers in the order of one column: numbers by value, categories by their text, missing
 * cells last whichever the direction; ties keep file order. Undefined when there is no such column.
 */
function sortedRows(d: Dataset, sort: PreviewOptions['sort']): Int32Array | undefined {
  const col = sort && d.columns.find((c) => c.name === sort.column)
  if (!col) return undefined
  const order = Int32Array.from({ length: d.rows }, (_, i) => i)
  const sign = sort.descending ? -1 : 1
  if (col.type === 'numeric') {
    const v = col.values
    order.sort((a, b) => (Number.isNaN(v[a]) ? (Number.isNaN(v[b]) ? a - b : 1) : Number.isNaN(v[b]) ? -1 : sign * (v[a] - v[b]) || a - b))
  } else {
    // Rank the category texts once, so each comparison is two array reads.
    const rank = new Int32Array(col.categories.length)
    col.categories.map((c, i) => [c, i] as const).sort((x, y) => x[0].localeCompare(y[0])).forEach(([, i], r) => (rank[i] = r))
    const c = col.codes
    order.sort((a, b) => (c[a] < 0 ? (c[b] < 0 ? a - b : 1) : c[b] < 0 ? -1 : sign * (rank[c[a]] - rank[c[b]]) || a - b))
  }
  return order
}

function datasetPreview(d: Dataset, opts: PreviewOptions): Extract<Preview, { kind: 'dataset' }> {
  const offset = Math.max(0, Math.min(Math.floor(opts.offset ?? 0), d.rows))
  const n = Math.min(opts.rows ?? 200, d.rows - offset)
  const order = sortedRows(d, opts.sort)
  const row = (r: number) => (order ? order[offset + r] : offset + r)
  return {
    kind: 'dataset',
    rows: d.rows,
    columns: d.columns.map((c) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      missing: missingCount(c),
      ...(c.type === 'categorical' ? { categories: c.categories.slice(0, 100) } : {}),
    })),
    head: Array.from({ length: n }, (_, r) => d.columns.map((c) => cell(c, row(r)))),
    ...(offset ? { offset } : {}),
  }
}

/** Drops typed arrays bigger than `limit` elements so a JSON preview stays display-sized. */
function trimLarge(value: unknown, limit: number, depth = 0): unknown {
  if (ArrayBuffer.isView(value)) {
    const arr = value as unknown as ArrayLike<number>
    return arr.length > limit ? { length: arr.length, head: Array.from(arr).slice(0, 20) } : Array.from(arr)
  }
  if (value instanceof ArrayBuffer) return { bytes: value.byteLength }
  if (Array.isArray(value)) return value.length > limit ? value.slice(0, limit) : value.map((v) => trimLarge(v, limit, depth + 1))
  if (value && typeof value === 'object' && depth < 8) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimLarge(v, limit, depth + 1)]))
  }
  return value
}

/** Prediction arrays up to this many numbers go to the UI whole (≈ 200 000 rows × 5 classes). */
const PREDICTION_CELLS = 1_000_000

/**
 * A display-sized view of a value: the first rows of a table (or of one split), or JSON with
 * large arrays trimmed. Figures are kept whole: figure nodes already cap their point counts.
 */
export function previewValue(value: unknown, opts: PreviewOptions = {}): Preview {
  if (isDataset(value)) return datasetPreview(value, opts)
  if (isSplits(value)) {
    const names = (['train', 'validation', 'test'] as const).filter((s) => value[s])
    const split = names.find((s) => s === opts.split) ?? 'train'
    return {
      ...datasetPreview(value[split]!, opts),
      splits: Object.fromEntries(names.map((s) => [s, value[s]!.rows])),
      split,
    }
  }
  const kind = (value as { kind?: string } | null)?.kind
  if (kind === 'figure') return { kind: 'json', value: trimLarge(value, Infinity) }
  if (kind === 'predictions') {
    // Whole (the editor's predictions table filters and downloads every row); features are for plots only.
    const { features: _features, ...rest } = value as Record<string, unknown>
    return { kind: 'json', value: trimLarge(rest, PREDICTION_CELLS) }
  }
  if (kind === 'model') {
    const { state: _state, ...rest } = value as Record<string, unknown>
    return { kind: 'json', value: trimLarge(rest, 5000) }
  }
  return { kind: 'json', value: trimLarge(value, 5000) }
}
