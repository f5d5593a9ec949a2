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

function datasetPreview(d: Dataset, rows: number): Extract<Preview, { kind: 'dataset' }> {
  const n = Math.min(rows, d.rows)
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
    head: Array.from({ length: n }, (_, r) => d.columns.map((c) => cell(c, r))),
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
export function previewValue(value: unknown, opts: { split?: string; rows?: number } = {}): Preview {
  const rows = opts.rows ?? 200
  if (isDataset(value)) return datasetPreview(value, rows)
  if (isSplits(value)) {
    const names = (['train', 'validation', 'test'] as const).filter((s) => value[s])
    const split = names.find((s) => s === opts.split) ?? 'train'
    return {
      ...datasetPreview(value[split]!, rows),
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
