import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { CategoricalColumn, Column, Dataset } from '../../runtime/values/dataset'
import { fitRows, getColumn, numericColumn, requireData, type DatasetOrSplits } from '../../ml/table/table'
import { byColumn, chooseColumns, fitAndApply, fittedSummary, lastStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface OneHotState {
  columns: { name: string; categories: string[] }[]
}

type Drop = 'none' | 'first' | 'if_binary'

/** The categories seen in the fitting rows (sorted), minus the dropped one. */
export function fitOneHot(d: Dataset, names: string[], drop: Drop): OneHotState {
  const cols = chooseColumns(d, names, 'categorical', 'One-hot encoding') as CategoricalColumn[]
  return {
    columns: cols.map((c) => {
      const seen = new Set<number>()
      for (const k of c.codes) if (k >= 0) seen.add(k)
      const categories = c.categories.filter((_, k) => seen.has(k))
      const dropOne = drop === 'first' || (drop === 'if_binary' && categories.length === 2)
      return { name: c.name, categories: dropOne ? categories.slice(1) : categories }
    }),
  }
}

/** Replaces each encoded column, in place, by one 0/1 column per category named "column_category". */
export function applyOneHot(s: OneHotState, d: Dataset): Dataset {
  // Rows to score must carry every encoded column (getColumn names the one that is absent).
  const encoded = new Map(s.columns.map((e) => [e.name, { ...e, col: getColumn(d, e.name) }]))
  const columns: Column[] = []
  for (const c of d.columns) {
    const e = encoded.get(c.name)
    if (!e) {
      columns.push(c)
      continue
    }
    const col = e.col
    if (col.type !== 'categorical') throw new Error(`One-hot encoding expected column "${e.name}" to be categorical, but it is numeric.`)
    for (const category of e.categories) {
      const k = col.categories.indexOf(category)
      // Unknown and missing cells match no category: all zeros (handle_unknown='ignore').
      columns.push(numericColumn(`${e.name}_${category}`, Float64Array.from(col.codes, (code) => (code === k && k >= 0 ? 1 : 0)), col.role))
    }
  }
  const names = new Set<string>()
  for (const c of columns) {
    if (names.has(c.name)) throw new Error(`One-hot encoding would create column "${c.name}", which already exists; rename one of them first.`)
    names.add(c.name)
  }
  return { ...d, columns }
}

const oneHotStep = fittedStep('transform.onehot', applyOneHot)

/**
 * Columns with about one category per fitted row (an ID, a date, free text): their 0/1 columns
 * only let a model memorize rows, and a table of 600 rows grows to 1 400 columns.
 */
function idLikeWarning(s: OneHotState, rows: number): string | undefined {
  const many = s.columns.filter((c) => c.categories.length > 20 && c.categories.length >= rows / 2)
  if (!many.length) return undefined
  const listed = many.map((c) => `"${c.name}" (${c.categories.length} categories)`).join(', ')
  return (
    `About one category per row of the ${rows} it learned from: ${listed}. Their 0/1 columns only let a model memorize rows; ` +
    'if they are IDs, dates or free text, give them the ID role (ID columns of the CSV node, or Set target and roles) or drop them (Select columns) instead of encoding them.'
  )
}

/** One 0/1 column per category, as scikit-learn's OneHotEncoder(handle_unknown='ignore'). */
export const oneHotNode = defineNode({
  type: 'transform.onehot',
  version: 1,
  category: 'transform',
  title: 'One-hot encode',
  description:
    'Replaces each categorical column by one 0/1 column per category, named "column_category", as scikit-learn OneHotEncoder with ' +
    'handle_unknown="ignore". Categories are learned on the training split (or all rows of one table); a category not seen there, ' +
    'or a missing value, becomes all zeros. "Drop" can remove the first category (or only for two-category columns) to avoid redundant columns.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [oneHotStep],
  params: () => ({
    columns: p.columns({ kind: 'categorical', title: 'Columns', description: 'Empty: every categorical feature column.' }),
    drop: p.select(['none', 'first', 'if_binary'], { default: 'none', title: 'Drop a category' }),
  }),
  run({ data }, params) {
    const out = fitAndApply(requireData(data), oneHotStep, (train) => fitOneHot(train, params.columns, params.drop))
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as OneHotState
    const warning = idLikeWarning(s, fitRows(data).rows)
    return fittedSummary(data, { encoded: byColumn(s.columns.map((c) => c.name), s.columns.map((c) => c.categories.length)), ...(warning ? { warnings: [warning] } : {}) })
  },
})
