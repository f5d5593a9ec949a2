import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset } from '../../runtime/values/dataset'
import { getColumn, mapSplits, requireData, fitRows } from '../../ml/table/table'
import { withStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface SelectState {
  drop: string[]
}

/** Removes the named columns that are present (a target absent from rows to score is fine). */
export function applySelect(s: SelectState, d: Dataset): Dataset {
  const drop = new Set(s.drop)
  return { ...d, columns: d.columns.filter((c) => !drop.has(c.name)) }
}

const selectStep = fittedStep('clean.select-columns', applySelect)

/** Keeps or drops chosen columns. */
export const selectColumnsNode = defineNode({
  type: 'clean.select-columns',
  version: 1,
  category: 'clean',
  title: 'Select columns',
  description:
    'Keeps only the chosen columns, or drops them. The choice is remembered, so rows scored later lose the same columns. ' +
    'To keep a column in the table without using it as a feature, give it the ID or ignore role instead (Set target and roles).',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [selectStep],
  params: () => ({
    mode: p.select(['keep', 'drop'], { default: 'drop', title: 'Mode' }),
    columns: p.columns({ title: 'Columns' }),
  }),
  run({ data }, params) {
    const input = requireData(data)
    const d = fitRows(input)
    params.columns.forEach((n) => getColumn(d, n))
    const drop = params.mode === 'drop' ? params.columns : d.columns.map((c) => c.name).filter((n) => !params.columns.includes(n))
    if (drop.length === d.columns.length) throw new Error('Select columns would remove every column; choose at least one to keep.')
    const state: SelectState = { drop }
    const step = selectStep.record(state)
    return { data: mapSplits(input, (x) => withStep(applySelect(state, x), step)) }
  },
})
