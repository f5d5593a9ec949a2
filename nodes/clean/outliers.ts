import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'
import { fitRows, mapSplits, requireData, subsetRows, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { byColumn, chooseColumns, fittedSummary, lastStep, withStep } from '../../ml/table/select'
import { mean, populationStd, presentValues, quantile } from '../../ml/table/stats'
import { fittedStep } from '../../ml/table/steps'

export interface ClipState {
  columns: string[]
  lower: number[]
  upper: number[]
}

type Method = 'iqr' | 'zscore'

/** Bounds per column: [Q1 − k·IQR, Q3 + k·IQR] (Tukey's fences) or mean ± z·std (population std). */
export function fitBounds(d: Dataset, names: string[], method: Method, k: number, z: number): ClipState {
  const cols = chooseColumns(d, names, 'numeric', 'Outlier handling') as NumericColumn[]
  const bounds = cols.map((c) => {
    const v = presentValues(c)
    if (method === 'iqr') {
      const q1 = quantile(v, 0.25)
      const q3 = quantile(v, 0.75)
      return [q1 - k * (q3 - q1), q3 + k * (q3 - q1)]
    }
    const m = mean(v)
    const sd = populationStd(v, m)
    return [m - z * sd, m + z * sd]
  })
  return { columns: cols.map((c) => c.name), lower: bounds.map((b) => b[0]), upper: bounds.map((b) => b[1]) }
}

/** Clips each fitted column into its bounds; missing cells stay missing, absent columns are skipped. */
export function applyClip(s: ClipState, d: Dataset): Dataset {
  const cols = s.columns.flatMap((name, j) => {
    const c = d.columns.find((x) => x.name === name)
    if (!c || c.type !== 'numeric') return []
    return [{ ...c, values: c.values.map((v) => Math.min(s.upper[j], Math.max(s.lower[j], v))) }]
  })
  return withColumns(d, cols)
}

function dropOutside(s: ClipState, d: Dataset): Dataset {
  const cols = s.columns.map((name) => d.columns.find((c) => c.name === name) as NumericColumn)
  const keep: number[] = []
  for (let i = 0; i < d.rows; i++) {
    if (cols.every((c, j) => !(c.values[i] < s.lower[j] || c.values[i] > s.upper[j]))) keep.push(i)
  }
  return subsetRows(d, keep)
}

const clipStep = fittedStep('clean.outliers', applyClip)

/** Clips or drops outliers found by the IQR rule or z-scores. */
export const outliersNode = defineNode({
  type: 'clean.outliers',
  version: 1,
  category: 'clean',
  title: 'Handle outliers',
  description:
    'Finds values outside [Q1 − k·IQR, Q3 + k·IQR] (Tukey\'s fences, k = 1.5 by default; quartiles interpolated as numpy) or further than z standard ' +
    'deviations from the mean, then either clips them to the bound or drops their rows. Bounds are learned on the training split (or all rows of one table). ' +
    'Clipping is remembered and applied to rows scored later; dropping removes outlier rows from every split it is given.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [clipStep],
  params: () => ({
    columns: p.columns({ kind: 'numeric', title: 'Columns', description: 'Empty: every numeric feature column.' }),
    method: p.select(['iqr', 'zscore'], { default: 'iqr', title: 'Method' }),
    iqr_k: p.number({ default: 1.5, min: 0, max: 100, step: 0.5, title: 'IQR multiplier k' }),
    z: p.number({ default: 3, gt: 0, max: 100, step: 0.5, title: 'z-score threshold' }),
    action: p.select(['clip', 'drop'], { default: 'clip', title: 'Action', description: 'Clip values to the bounds, or drop the rows.' }),
  }),
  run({ data }, params, ctx) {
    const input = requireData(data)
    const state = fitBounds(fitRows(input), params.columns, params.method, params.iqr_k, params.z)
    if (params.action === 'clip') {
      const step = clipStep.record(state)
      return { data: mapSplits(input, (d) => withStep(applyClip(state, d), step)) }
    }
    const out = mapSplits(input, (d) => {
      const kept = dropOutside(state, d)
      if (kept.rows < d.rows) ctx.log.info(`dropped ${d.rows - kept.rows} outlier rows`)
      return kept
    })
    return { data: out }
  },
  summarize(outputs, params) {
    const data = outputs.data as DatasetOrSplits
    const clip = params.action === 'clip' ? (lastStep(data)?.state as unknown as ClipState) : undefined
    const bounds = clip ? { lower: byColumn(clip.columns, clip.lower), upper: byColumn(clip.columns, clip.upper) } : {}
    return fittedSummary(data, { method: params.method, action: params.action, ...bounds })
  },
})
