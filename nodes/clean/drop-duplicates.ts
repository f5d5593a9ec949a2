import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset } from '../../runtime/values/dataset'
import { cellText, getColumn, isMissing, mapSplits, requireData, subsetRows } from '../../ml/table/table'

/** Keeps the first of each group of rows equal in the chosen columns (missing equals missing). */
export function dropDuplicateRows(d: Dataset, names: string[]): Dataset {
  const cols = names.length ? names.map((n) => getColumn(d, n)) : d.columns
  const seen = new Set<string>()
  const keep: number[] = []
  for (let i = 0; i < d.rows; i++) {
    const key = JSON.stringify(cols.map((c) => (isMissing(c, i) ? null : cellText(c, i))))
    if (!seen.has(key)) seen.add(key), keep.push(i)
  }
  return subsetRows(d, keep)
}

/** Drops repeated rows (pandas drop_duplicates, keep='first'). */
export const dropDuplicatesNode = defineNode({
  type: 'clean.drop-duplicates',
  version: 1,
  category: 'clean',
  title: 'Drop duplicate rows',
  description:
    'Removes rows that repeat an earlier row, keeping the first, like pandas drop_duplicates. Rows count as equal when they agree in the chosen ' +
    'columns (by default all columns); two missing cells count as equal. Put it before the split: fed splits, it works within each split only.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  params: () => ({
    columns: p.columns({ title: 'Compare columns', description: 'Empty: all columns.' }),
  }),
  run({ data }, params) {
    return { data: mapSplits(requireData(data), (d) => dropDuplicateRows(d, params.columns)) }
  },
})
