import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Column, Dataset } from '../../runtime/values/dataset'
import { fitRows, getColumn, mapSplits, requireData } from '../../ml/table/table'
import { castColumn, parseTypeList } from '../../ml/table/cast'
import { withStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface CastState {
  types: [string, Column['type']][]
  /** Categories of the columns made categorical, from the fitting rows: every split gets the same codes. */
  categories: Record<string, string[]>
}

/** Converts each named column that is present to its type. */
export function applyCast(s: CastState, d: Dataset): Dataset {
  const to = new Map(s.types)
  return { ...d, columns: d.columns.map((c) => (to.has(c.name) ? castColumn(c, to.get(c.name)!, s.categories[c.name]) : c)) }
}

const castStep = fittedStep('clean.cast-columns', applyCast)

/** Changes column types. */
export const castColumnsNode = defineNode({
  type: 'clean.cast-columns',
  version: 1,
  category: 'clean',
  title: 'Cast column types',
  description:
    'Changes column types, e.g. "zip:categorical, rating:numeric". Numbers become categories named by their value (useful for codes such as zip codes); ' +
    'categories become numbers only when every one of them spells a number, otherwise the message names the first that does not.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [castStep],
  params: () => ({
    types: p.text({ default: '', title: 'Types', description: '"column:numeric" or "column:categorical" pairs, separated by commas.' }),
  }),
  run({ data }, params) {
    const input = requireData(data)
    const d = fitRows(input)
    const types = [...parseTypeList(params.types, 'Types')]
    const categories: Record<string, string[]> = {}
    for (const [n, type] of types) {
      const c = castColumn(getColumn(d, n), type)
      if (c.type === 'categorical') categories[n] = c.categories
    }
    const state: CastState = { types, categories }
    const step = castStep.record(state)
    return { data: mapSplits(input, (x) => withStep(applyCast(state, x), step)) }
  },
})
