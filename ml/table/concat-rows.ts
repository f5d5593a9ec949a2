import type { Column, Dataset } from '../../runtime/values/dataset'

/** Stacks tables with the same columns (the splits of one table) into one, keeping the first's steps. */
export function concatRows(parts: Dataset[]): Dataset {
  const first = parts[0]
  const columns: Column[] = first.columns.map((c, j) => {
    const cols = parts.map((d) => d.columns[j])
    if (c.type === 'numeric') {
      const values = new Float64Array(parts.reduce((n, d) => n + d.rows, 0))
      let at = 0
      for (const col of cols) {
        if (col.type !== 'numeric') throw new Error(`Column "${c.name}" has different types across splits.`)
        values.set(col.values, at)
        at += col.values.length
      }
      return { ...c, values }
    }
    const codes = new Int32Array(parts.reduce((n, d) => n + d.rows, 0))
    const categories = [...c.categories]
    let at = 0
    for (const col of cols) {
      if (col.type !== 'categorical') throw new Error(`Column "${c.name}" has different types across splits.`)
      // Splits of one table share categories; remap by name (appending new ones) in case they do not.
      const map = col.categories.map((name) => (categories.includes(name) ? categories.indexOf(name) : categories.push(name) - 1))
      for (let i = 0; i < col.codes.length; i++) codes[at + i] = col.codes[i] < 0 ? -1 : map[col.codes[i]]
      at += col.codes.length
    }
    return { ...c, codes, categories }
  })
  return { kind: 'dataset', rows: parts.reduce((n, d) => n + d.rows, 0), columns, steps: first.steps }
}
