import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'
import { getColumn, requireData, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { byColumn, chooseColumns, fitAndApply, fittedSummary, lastStep } from '../../ml/table/select'
import { presentValues } from '../../ml/table/stats'
import { fittedStep } from '../../ml/table/steps'

export interface MinMaxState {
  columns: string[]
  dataMin: number[]
  dataMax: number[]
  range: [number, number]
}

export function fitMinMax(d: Dataset, names: string[], range: [number, number]): MinMaxState {
  const cols = chooseColumns(d, names, 'numeric', 'Min-max scaling') as NumericColumn[]
  const values = cols.map((c) => presentValues(c))
  return {
    columns: cols.map((c) => c.name),
    dataMin: values.map((v) => v.reduce((a, b) => Math.min(a, b))),
    dataMax: values.map((v) => v.reduce((a, b) => Math.max(a, b))),
    range,
  }
}

export function applyMinMax(s: MinMaxState, d: Dataset): Dataset {
  const [lo, hi] = s.range
  return withColumns(
    d,
    s.columns.map((name, j) => {
      const c = getColumn(d, name) as NumericColumn
      // A constant column has range 0; like MinMaxScaler, use 1 so it maps to the lower bound.
      const span = s.dataMax[j] - s.dataMin[j] || 1
      const scale = (hi - lo) / span
      return { ...c, values: c.values.map((v) => (v - s.dataMin[j]) * scale + lo) }
    }),
  )
}

const minmaxStep = fittedStep('transform.minmax', applyMinMax)

/** Rescales numeric columns to a range, as scikit-learn's MinMaxScaler. */
export const minMaxNode = defineNode({
  type: 'transform.minmax',
  version: 1,
  category: 'transform',
  title: 'Min-max scale',
  description:
    'Rescales numeric columns linearly so the smallest value becomes "min" and the largest "max" (default 0 to 1), as scikit-learn MinMaxScaler. ' +
    'Fed splits, it learns each column\'s range on the training split and applies it to all splits, so validation and test values may fall outside ' +
    'the range; fed one table, it learns on all rows. A constant column maps to "min". Missing values stay missing.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [minmaxStep],
  params: () => ({
    columns: p.columns({ kind: 'numeric', title: 'Columns', description: 'Empty: every numeric feature column.' }),
    min: p.number({ default: 0, min: -1e9, max: 1e9, title: 'Range minimum' }),
    max: p.number({ default: 1, min: -1e9, max: 1e9, title: 'Range maximum' }),
  }),
  check: (params) => (params.min < params.max ? [] : [`Range minimum (${params.min}) must be below the maximum (${params.max}).`]),
  run({ data }, params) {
    if (!(params.min < params.max)) throw new Error(`Range minimum (${params.min}) must be below the maximum (${params.max}).`)
    const out = fitAndApply(requireData(data), minmaxStep, (train) => fitMinMax(train, params.columns, [params.min, params.max]))
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as MinMaxState
    return fittedSummary(data, { dataMin: byColumn(s.columns, s.dataMin), dataMax: byColumn(s.columns, s.dataMax) })
  },
})
