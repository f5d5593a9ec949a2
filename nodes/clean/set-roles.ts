import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { ColumnRole, Dataset } from '../../runtime/values/dataset'
import { summarizeValue } from '../../runtime/values/summary'
import { fitRows, getColumn, mapSplits, requireData, type DatasetOrSplits } from '../../ml/table/table'
import { withStep } from '../../ml/table/select'
import { describeTask } from '../../ml/table/task'
import { fittedStep } from '../../ml/table/steps'

export interface RolesState {
  roles: Record<string, ColumnRole>
}

/** Sets each known column's role; columns the pipeline never saw are ignored. */
export function applyRoles(s: RolesState, d: Dataset): Dataset {
  return { ...d, columns: d.columns.map((c) => ({ ...c, role: s.roles[c.name] ?? 'ignore' })) }
}

const rolesStep = fittedStep('clean.set-target', applyRoles)

/** Chooses the target, ID and ignored columns; every other column becomes a feature. */
export const setRolesNode = defineNode({
  type: 'clean.set-target',
  version: 2,
  migrate: paramsUnchanged,
  category: 'clean',
  title: 'Set target and roles',
  description:
    'Chooses which column is the target (the value to predict; leave empty for none), which columns are IDs (kept, never used to learn) ' +
    'and which to ignore; every other column becomes a feature. A categorical target means classification, a numeric one regression.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [rolesStep],
  params: () => ({
    target: p.column({ title: 'Target column', description: 'Empty: no target (unsupervised).' }),
    ids: p.columns({ emptyMeans: 'none', title: 'ID columns' }),
    ignore: p.columns({ emptyMeans: 'none', title: 'Ignored columns' }),
  }),
  run({ data }, params) {
    const input = requireData(data)
    const d = fitRows(input)
    for (const n of [params.target, ...params.ids, ...params.ignore]) if (n) getColumn(d, n)
    const roles: Record<string, ColumnRole> = {}
    for (const c of d.columns) roles[c.name] = 'feature'
    for (const n of params.ignore) roles[n] = 'ignore'
    for (const n of params.ids) roles[n] = 'id'
    if (params.target) {
      if (params.ids.includes(params.target) || params.ignore.includes(params.target)) {
        throw new Error(`Column "${params.target}" cannot be the target and also an ID or ignored column.`)
      }
      roles[params.target] = 'target'
    }
    const state: RolesState = { roles }
    const step = rolesStep.record(state)
    return { data: mapSplits(input, (x) => withStep(applyRoles(state, x), step)) }
  },
  summarize(outputs) {
    const d = fitRows(outputs.data as DatasetOrSplits)
    const t = d.columns.find((c) => c.role === 'target')
    return {
      ...summarizeValue(outputs.data),
      features: d.columns.filter((c) => c.role === 'feature').length,
      task: t ? describeTask(t) : 'unsupervised',
    }
  },
})
