import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Column, Dataset, NumericColumn } from '../../runtime/values/dataset'
import { getColumn, numericColumn, quoteList, requireData, type DatasetOrSplits } from '../../ml/table/table'
import { fitPca as fitPcaMatrix } from '../../ml/models/pca'
import { chooseColumns, fitAndApply, fittedSummary, lastStep, SUMMARY_COLUMNS } from '../../ml/table/select'
import { fittedStep } from '../../ml/table/steps'

export interface PcaState {
  columns: string[]
  mean: number[]
  /** k × p loadings, one row per component. */
  components: number[][]
  explainedVariance: number[]
  explainedVarianceRatio: number[]
}

function requireComplete(cols: NumericColumn[]): void {
  const gaps = cols.filter((c) => c.values.some(Number.isNaN)).map((c) => c.name)
  if (gaps.length) throw new Error(`PCA needs complete data: ${quoteList(gaps)} ${gaps.length > 1 ? 'have' : 'has'} missing values; impute them first.`)
}

/** Fits PCA (ml/models/pca.ts) on the chosen columns; the state keeps plain arrays per column. */
export function fitPca(d: Dataset, names: string[], mode: 'components' | 'variance', k: number, variance: number): PcaState {
  const cols = chooseColumns(d, names, 'numeric', 'PCA') as NumericColumn[]
  if (cols.length === 0) throw new Error('PCA found no numeric feature columns; encode categorical columns first or choose columns.')
  requireComplete(cols)
  const X = new Float64Array(d.rows * cols.length)
  cols.forEach((c, j) => c.values.forEach((v, i) => (X[i * cols.length + j] = v)))
  const s = fitPcaMatrix(X, d.rows, cols.length, mode === 'variance' ? { variance } : { components: k })
  return {
    columns: cols.map((c) => c.name),
    mean: Array.from(s.means),
    components: Array.from({ length: s.components }, (_, c) => Array.from(s.loadings.subarray(c * s.cols, (c + 1) * s.cols))),
    explainedVariance: Array.from(s.explainedVariance),
    explainedVarianceRatio: Array.from(s.explainedVarianceRatio),
  }
}

/** Replaces the fitted columns by PC1..PCk, placed where the first of them was. */
export function applyPca(s: PcaState, d: Dataset): Dataset {
  const cols = s.columns.map((name) => getColumn(d, name)) as Column[]
  const wrong = cols.filter((c) => c.type !== 'numeric')
  if (wrong.length) throw new Error(`PCA expected numeric columns; ${quoteList(wrong.map((c) => c.name))} is categorical.`)
  requireComplete(cols as NumericColumn[])
  const pcs = s.components.map((w, k) => {
    const values = new Float64Array(d.rows)
    for (let i = 0; i < d.rows; i++) {
      let v = 0
      for (let j = 0; j < w.length; j++) v += ((cols[j] as NumericColumn).values[i] - s.mean[j]) * w[j]
      values[i] = v
    }
    return numericColumn(`PC${k + 1}`, values)
  })
  const used = new Set(s.columns)
  const at = d.columns.findIndex((c) => used.has(c.name))
  const rest = d.columns.filter((c) => !used.has(c.name))
  const clash = rest.find((c) => pcs.some((pc) => pc.name === c.name))
  if (clash) throw new Error(`PCA would create column "${clash.name}", which already exists; rename it first.`)
  const before = d.columns.slice(0, at).filter((c) => !used.has(c.name))
  return { ...d, columns: [...before, ...pcs, ...rest.slice(before.length)] }
}

const pcaStep = fittedStep('transform.pca', applyPca)

/** Principal component analysis as a transform. */
export const pcaNode = defineNode({
  type: 'transform.pca',
  version: 1,
  category: 'transform',
  title: 'PCA',
  description:
    'Projects numeric columns onto their principal components (directions of largest variance), replacing them by PC1, PC2, …, as scikit-learn PCA ' +
    '(centred, not scaled: standardize first when units differ). Keep a fixed number of components, or the fewest whose explained variance exceeds a target. ' +
    'Fitted on the training split (or all rows of one table). Each component is signed so its largest loading is positive.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [pcaStep],
  params: () => ({
    columns: p.columns({ kind: 'numeric', title: 'Columns', description: 'Empty: every numeric feature column.' }),
    mode: p.select(['components', 'variance'], { default: 'components', title: 'Keep', description: 'A number of components, or enough to explain a share of the variance.' }),
    components: p.int({ default: 2, min: 1, max: 1000, title: 'Components' }),
    variance: p.number({ default: 0.95, gt: 0, max: 1, step: 0.01, title: 'Explained variance target', description: 'Used when Keep is "variance".' }),
  }),
  run({ data }, params) {
    const out = fitAndApply(requireData(data), pcaStep, (train) => fitPca(train, params.columns, params.mode, params.components, params.variance))
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as PcaState
    const cumulative = s.explainedVarianceRatio.reduce((a, b) => a + b, 0)
    return fittedSummary(data, { components: s.components.length, explainedVarianceRatio: s.explainedVarianceRatio.slice(0, SUMMARY_COLUMNS), cumulative })
  },
})
