import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { CategoricalColumn, Dataset } from '../../runtime/values/dataset'
import { summarizeValue } from '../../runtime/values/summary'
import { getColumn, mapSplits, quoteList, requireData, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { parsePairs, relabel } from '../../ml/table/cast'
import { byColumn, withStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

type Case = 'none' | 'lower' | 'upper' | 'title'

export interface TextState {
  columns: string[]
  trim: boolean
  case: Case
  mapping: [string, string][]
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s\-/])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())

/** The cleaned label of one category: trimmed and collapsed, re-cased, then mapped (undefined = missing). */
export function cleanLabel(s: TextState, label: string): string | undefined {
  let t = s.trim ? label.trim().replace(/\s+/g, ' ') : label
  if (s.case === 'lower') t = t.toLowerCase()
  else if (s.case === 'upper') t = t.toUpperCase()
  else if (s.case === 'title') t = titleCase(t)
  const key = t.trim().toLowerCase()
  const hit = s.mapping.find(([from]) => from.trim().toLowerCase() === key)
  if (!hit) return t
  return hit[1] === '' ? undefined : hit[1]
}

export function applyText(s: TextState, d: Dataset): Dataset {
  const cols = s.columns.flatMap((name) => {
    const c = d.columns.find((x) => x.name === name)
    return c && c.type === 'categorical' ? [relabel(c, (label) => cleanLabel(s, label))] : []
  })
  return withColumns(d, cols)
}

function textColumns(d: Dataset, names: string[]): CategoricalColumn[] {
  if (names.length === 0) return d.columns.filter((c): c is CategoricalColumn => c.type === 'categorical' && (c.role === 'feature' || c.role === 'target'))
  const cols = names.map((n) => getColumn(d, n))
  const numeric = cols.filter((c) => c.type !== 'categorical').map((c) => c.name)
  if (numeric.length) throw new Error(`Normalize text works on categorical columns; ${quoteList(numeric)} ${numeric.length > 1 ? 'are' : 'is'} numeric.`)
  return cols as CategoricalColumn[]
}

const textStep = fittedStep('clean.normalize-text', applyText)

/** Merges inconsistent spellings of categories. */
export const normalizeTextNode = defineNode({
  type: 'clean.normalize-text',
  version: 1,
  category: 'clean',
  title: 'Normalize text',
  description:
    'Merges inconsistent spellings in categorical columns: trims spaces (and collapses repeated ones), changes case (lower, UPPER or Title), then applies ' +
    'your mapping, e.g. "NY=New York, N.Y.=New York" (matched ignoring case and surrounding spaces; map to nothing, "unknown=", to make a value missing). ' +
    'Categories that end up equal become one. The same rules apply to rows scored later.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [textStep],
  params: () => ({
    columns: p.columns({ kind: 'categorical', title: 'Columns', description: 'Empty: every categorical feature and target column.' }),
    trim: p.bool({ default: true, title: 'Trim and collapse spaces' }),
    case: p.select(['none', 'lower', 'upper', 'title'], { default: 'none', title: 'Case' }),
    mapping: p.text({ default: '', title: 'Mapping', description: 'Comma- or line-separated "from=to" pairs, applied after trimming and case.' }),
  }),
  run({ data }, params) {
    const input = requireData(data)
    const mapping = parsePairs(params.mapping, 'Mapping', /=/)
    const state: TextState = {
      columns: textColumns(input.kind === 'splits' ? input.train : input, params.columns).map((c) => c.name),
      trim: params.trim,
      case: params.case,
      mapping,
    }
    const step = textStep.record(state)
    return { data: mapSplits(input, (d) => withStep(applyText(state, d), step)) }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const d = data.kind === 'splits' ? data.train : data
    const s = d.steps.at(-1)?.state as unknown as TextState
    const categories = byColumn(s.columns, s.columns.map((n) => (getColumn(d, n) as CategoricalColumn).categories.length))
    return { ...summarizeValue(data), categories }
  },
})
