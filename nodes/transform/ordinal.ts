import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { CategoricalColumn, Dataset } from '../../runtime/values/dataset'
import { getColumn, numericColumn, requireData, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { byColumn, chooseColumns, fitAndApply, fittedSummary, lastStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface OrdinalState {
  columns: { name: string; categories: string[] }[]
}

/** Parses "size: S < M < L; grade: C < B < A" (entries split by ';' or new lines). */
export function parseOrders(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const entry of text.split(/[;\n]/)) {
    if (!entry.trim()) continue
    const at = entry.search(/[:=]/)
    if (at < 0) throw new Error(`Category order: "${entry.trim()}" needs the form column: first < second < third.`)
    const cats = entry.slice(at + 1).split(/[<,]/).map((s) => s.trim()).filter(Boolean)
    out.set(entry.slice(0, at).trim(), cats)
  }
  return out
}

export function fitOrdinal(d: Dataset, names: string[], orderText: string): OrdinalState {
  const cols = chooseColumns(d, names, 'categorical', 'Ordinal encoding') as CategoricalColumn[]
  const orders = parseOrders(orderText)
  for (const name of orders.keys()) {
    if (!cols.some((c) => c.name === name)) throw new Error(`Category order names column "${name}", which is not being encoded.`)
  }
  return {
    columns: cols.map((c) => {
      const seen = c.categories.filter((_, k) => c.codes.includes(k))
      const order = orders.get(c.name)
      if (!order) return { name: c.name, categories: seen }
      const unlisted = seen.filter((cat) => !order.includes(cat))
      if (unlisted.length) {
        throw new Error(`Category order for "${c.name}" leaves out ${unlisted.map((u) => `"${u}"`).join(', ')}; list every category.`)
      }
      return { name: c.name, categories: order }
    }),
  }
}

export function applyOrdinal(s: OrdinalState, d: Dataset): Dataset {
  return withColumns(
    d,
    s.columns.map((e) => {
      const c = getColumn(d, e.name)
      if (c.type !== 'categorical') throw new Error(`Ordinal encoding expected column "${e.name}" to be categorical, but it is numeric.`)
      const rank = c.categories.map((cat) => e.categories.indexOf(cat))
      // Missing stays missing (NaN); a category unseen in training gets -1 (unknown_value=-1).
      return numericColumn(e.name, Float64Array.from(c.codes, (k) => (k < 0 ? NaN : rank[k])), c.role)
    }),
  )
}

const ordinalStep = fittedStep('transform.ordinal', applyOrdinal)

/** Categories to integers 0..k-1, as scikit-learn's OrdinalEncoder. */
export const ordinalNode = defineNode({
  type: 'transform.ordinal',
  version: 1,
  category: 'transform',
  title: 'Ordinal encode',
  description:
    'Replaces each categorical column by integers 0, 1, 2, … in category order, as scikit-learn OrdinalEncoder: sorted order unless you give one ' +
    '(e.g. "size: S < M < L"), for categories that have a natural order. Categories are learned on the training split (or all rows of one table); ' +
    'an unseen category becomes -1 and a missing value stays missing.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [ordinalStep],
  params: () => ({
    columns: p.columns({ kind: 'categorical', title: 'Columns', description: 'Empty: every categorical feature column.' }),
    order: p.text({ default: '', title: 'Category order', description: 'Optional, one column per entry: "size: S < M < L; grade: C < B < A".' }),
  }),
  run({ data }, params) {
    const out = fitAndApply(requireData(data), ordinalStep, (train) => fitOrdinal(train, params.columns, params.order))
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as OrdinalState
    return fittedSummary(data, { encoded: byColumn(s.columns.map((c) => c.name), s.columns.map((c) => c.categories.length)) })
  },
})
