import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset } from '../../runtime/values/dataset'
import { fitRows, getColumn, mapSplits, requireData } from '../../ml/table/table'
import { parsePairs } from '../../ml/table/cast'
import { withStep } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface RenameState {
  pairs: [string, string][]
}

export function applyRename(s: RenameState, d: Dataset): Dataset {
  const to = new Map(s.pairs)
  return { ...d, columns: d.columns.map((c) => (to.has(c.name) ? { ...c, name: to.get(c.name)! } : c)) }
}

const renameStep = fittedStep('clean.rename-columns', applyRename)

/** Renames columns. */
export const renameColumnsNode = defineNode({
  type: 'clean.rename-columns',
  version: 1,
  category: 'clean',
  title: 'Rename columns',
  description: 'Renames columns with "old=new" pairs, separated by commas or new lines, e.g. "Sepal.Length=sepal_length". Rows scored later are renamed the same way.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [renameStep],
  params: () => ({
    mapping: p.text({ default: '', title: 'Renames', description: '"old=new" pairs.' }),
  }),
  run({ data }, params) {
    const input = requireData(data)
    const d = fitRows(input)
    const pairs = parsePairs(params.mapping, 'Renames', /=/)
    for (const [from, to] of pairs) {
      getColumn(d, from)
      if (!to) throw new Error(`Renames: "${from}=" needs a new name after "=".`)
    }
    const state: RenameState = { pairs }
    const names = applyRename(state, d).columns.map((c) => c.name)
    const twice = names.find((n, i) => names.indexOf(n) !== i)
    if (twice) throw new Error(`Renames would give two columns the name "${twice}".`)
    const step = renameStep.record(state)
    return { data: mapSplits(input, (x) => withStep(applyRename(state, x), step)) }
  },
})
