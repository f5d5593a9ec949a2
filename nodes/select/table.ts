import type { Column, Dataset } from '../../runtime/values/dataset'
import { categoricalColumn, makeDataset, numericColumn } from '../../ml/table/table'

/** A small results table (folds, trials) from rows of cells; text cells become categorical columns. */
export function resultsTable(names: string[], rows: (number | string)[][]): Dataset {
  const columns: Column[] = names.map((name, j) => {
    if (rows.every((r) => typeof r[j] === 'number')) return numericColumn(name, Float64Array.from(rows, (r) => r[j] as number))
    const categories: string[] = []
    const index = new Map<string, number>()
    const codes = Int32Array.from(rows, (r) => {
      const text = String(r[j])
      let k = index.get(text)
      if (k === undefined) index.set(text, (k = categories.push(text) - 1))
      return k
    })
    return categoricalColumn(name, codes, categories)
  })
  return makeDataset(columns, [], rows.length)
}

/** Mean and population standard deviation (numpy's default, as `scores.std()` after cross_val_score). */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) }
}

/** "0.953 ± 0.021" */
export const plusMinus = (m: { mean: number; std: number }) => `${round(m.mean)} ± ${round(m.std)}`

const round = (x: number) => Number(x.toPrecision(4))
