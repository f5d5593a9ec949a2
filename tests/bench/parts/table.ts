import type { Dataset } from '../../../runtime/values/dataset'

const MB = 2 ** 20

/** A dataset of Float64 feature columns weighing `mb` MiB. */
export function numericTable(mb: number, columns = 10): Dataset {
  const rows = Math.floor((mb * MB) / 8 / columns)
  return {
    kind: 'dataset',
    rows,
    steps: [],
    columns: Array.from({ length: columns }, (_, c) => ({
      name: `x${c}`,
      type: 'numeric' as const,
      role: 'feature' as const,
      values: Float64Array.from({ length: rows }, (_, i) => Math.sin(i * (c + 1))),
    })),
  }
}
