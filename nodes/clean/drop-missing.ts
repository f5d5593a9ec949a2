import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset } from '../../runtime/values/dataset'
import { getColumn, isMissing, mapSplits, requireData, subsetRows } from '../../ml/table/table'

/** Keeps the rows with no missing value in the chosen columns. */
export function dropMissingRows(d: Dataset, names: string[]): Dataset {
  const cols = names.length ? names.map((n) => getColumn(d, n)) : d.columns.filter((c) => c.role !== 'ignore')
  const keep: number[] = []
  for (let i = 0; i < d.rows; i++) if (!cols.some((c) => isMissing(c, i))) keep.push(i)
  return subsetRows(d, keep)
}

/** Drops rows with missing values (pandas dropna). */
export const dropMissingNode = defineNode({
  type: 'clean.drop-missing',
  version: 1,
  category: 'clean',
  title: 'Drop rows with missing values',
  description:
    'Removes every row that has a missing value in the chosen columns (by default in any column that is not ignored), like pandas dropna. ' +
    'Fed splits, it filters each split on its own. It learns nothing, so scoring new rows later does not drop any.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  params: () => ({
    columns: p.columns({ title: 'Columns', description: 'Empty: every column except ignored ones.' }),
  }),
  run({ data }, params) {
    return { data: mapSplits(requireData(data), (d) => dropMissingRows(d, params.columns)) }
  },
})
