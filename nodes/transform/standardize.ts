import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'
import { getColumn, requireData, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { byColumn, chooseColumns, fitAndApply, fittedSummary, lastStep } from '../../ml/table/select'
import { mean, populationStd, presentValues } from '../../ml/table/stats'
import { fittedStep } from '../../ml/table/steps'

export interface StandardizeState {
  columns: string[]
  mean: number[]
  scale: number[]
}

export function fitStandardize(d: Dataset, names: string[], withMean: boolean, withStd: boolean): StandardizeState {
  const cols = chooseColumns(d, names, 'numeric', 'Standardize') as NumericColumn[]
  const stats = cols.map((c) => {
    const v = presentValues(c)
    const m = mean(v)
    const sd = populationStd(v, m)
    // A constant column keeps scale 1 (as StandardScaler), so it becomes all zeros, not NaN.
    return { mean: withMean ? m : 0, scale: withStd && sd > 0 ? sd : 1 }
  })
  return { columns: cols.map((c) => c.name), mean: stats.map((s) => s.mean), scale: stats.map((s) => s.scale) }
}

export function applyStandardize(s: StandardizeState, d: Dataset): Dataset {
  // One lookup table, not a search per column: 100 000 columns must not cost 10^10 steps.
  const byName = new Map(d.columns.map((c) => [c.name, c]))
  return withColumns(
    d,
    s.columns.map((name, j) => {
      const c = (byName.get(name) ?? getColumn(d, name)) as NumericColumn
      return { ...c, values: c.values.map((v) => (v - s.mean[j]) / s.scale[j]) }
    }),
  )
}

/** A column with an infinite value has no usable mean or std: say which, instead of silent zeros/NaN. */
function warnIfNotFinite(s: StandardizeState, log: { warn(m: string): void }): StandardizeState {
  const bad = s.columns.filter((_, j) => !Number.isFinite(s.mean[j]) || !Number.isFinite(s.scale[j]))
  if (bad.length) {
    const names = `${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`
    const which = bad.length > 1 ? `Columns ${names} hold` : `Column ${names} holds`
    log.warn(`${which} infinite values, so their mean or std is not a number and the standardized values are NaN; clean them first.`)
  }
  return s
}

const standardizeStep = fittedStep('transform.standardize', applyStandardize)

/** Zero mean, unit variance, as scikit-learn's StandardScaler. */
export const standardizeNode = defineNode({
  type: 'transform.standardize',
  version: 1,
  category: 'transform',
  title: 'Standardize',
  description:
    'Rescales numeric columns to zero mean and unit variance, as scikit-learn StandardScaler: z = (x − mean) / std with the population ' +
    'standard deviation; a constant column is only centred. Fed splits, it learns mean and std on the training split and applies them to all ' +
    'splits (no leakage); fed one table, it learns them on all rows. Missing values stay missing.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [standardizeStep],
  params: () => ({
    columns: p.columns({ kind: 'numeric', title: 'Columns', description: 'Empty: every numeric feature column.' }),
    withMean: p.bool({ default: true, title: 'Center (subtract the mean)' }),
    withStd: p.bool({ default: true, title: 'Scale (divide by the std)' }),
  }),
  run({ data }, params, ctx) {
    const out = fitAndApply(requireData(data), standardizeStep, (train) =>
      warnIfNotFinite(fitStandardize(train, params.columns, params.withMean, params.withStd), ctx.log),
    )
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as StandardizeState
    return fittedSummary(data, { mean: byColumn(s.columns, s.mean), std: byColumn(s.columns, s.scale) })
  },
})
