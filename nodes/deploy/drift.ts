import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isDataset, type Column, type Dataset } from '../../runtime/values/dataset'
import type { Metrics, TrainedModel } from '../../runtime/values/ml'
import { categoricalPsi, driftVerdict, featureDrift, numericPsi, type FeatureDrift, type FeatureSample } from '../../ml/drift/drift'
import { ksTest } from '../../ml/drift/ks'
import { matrixFor } from '../../ml/families/training-table'
import { conformToModel } from '../predict/lineage'
import { predictMatrix } from '../../ml/families/predict'
import { columnTexts } from '../../ml/table/cast'
import { featureColumns, fitRows, quoteList, requireData } from '../../ml/table/table'

function sample(c: Column): FeatureSample {
  return c.type === 'numeric'
    ? { name: c.name, type: 'numeric', values: c.values }
    : { name: c.name, type: 'categorical', values: columnTexts(c) }
}

/** The reference's feature columns that the batch also has (by name); throws when none are shared. */
function sharedFeatures(reference: Dataset, current: Dataset, chosen: readonly string[]): [Column, Column][] {
  const byName = new Map(current.columns.map((c) => [c.name, c]))
  const names = chosen.length ? chosen : featureColumns(reference).map((c) => c.name)
  const refByName = new Map(reference.columns.map((c) => [c.name, c]))
  const unknown = names.filter((n) => !refByName.has(n))
  if (unknown.length) throw new Error(`The reference table has no column ${quoteList(unknown)}.`)
  const missing = names.filter((n) => !byName.has(n))
  if (missing.length) throw new Error(`The new batch lacks column ${quoteList(missing)} of the reference; feed rows with the same columns.`)
  if (!names.length) throw new Error('The reference table has no feature columns to compare.')
  return names.map((n) => [refByName.get(n)!, byName.get(n)!])
}

/** PSI of the predicted classes (classifiers) or predicted values, and the KS test of values. */
function predictionDrift(model: TrainedModel, reference: Dataset, current: Dataset, warn: (m: string) => void) {
  const score = (d: Dataset) => {
    const m = matrixFor(conformToModel(model, d, warn), model.features)
    return predictMatrix(model, m.values, m.rows).predicted
  }
  const a = score(reference)
  const b = score(current)
  if (model.task === 'regression') return { psi: numericPsi(a, b), ks: ksTest(a, b).statistic }
  const text = (v: Float64Array) => Array.from(v, (x) => String(x))
  return { psi: categoricalPsi(text(a), text(b)), ks: NaN }
}

function driftMetrics(features: FeatureDrift[], prediction?: { psi: number; ks: number }): Metrics {
  const scalars: Record<string, number> = { drifted_features: features.filter((f) => f.drifted).length }
  for (const f of features) {
    scalars[`psi.${f.name}`] = f.psi
    if (f.type === 'numeric') {
      scalars[`ks.${f.name}`] = f.ks
      scalars[`ks_p.${f.name}`] = f.pValue
    }
  }
  if (prediction) scalars.prediction_psi = prediction.psi
  if (prediction && !Number.isNaN(prediction.ks)) scalars.prediction_ks = prediction.ks
  const values = features.map((f) => [f.psi, f.ks, f.pValue, f.drifted ? 1 : 0])
  const rowLabels = features.map((f) => f.name)
  return { kind: 'metrics', scalars, matrices: { drift: { rowLabels, colLabels: ['PSI', 'KS', 'KS p-value', 'drifted'], values } } }
}

export const driftNode = defineNode({
  type: 'deploy.drift',
  version: 1,
  category: 'deploy',
  tensors: true,
  title: 'Drift check',
  description:
    'Compares a new batch of rows with the training data, feature by feature: population stability index over the ' +
    "training deciles (categories for categorical columns) and the two-sample Kolmogorov–Smirnov test (scipy's ks_2samp " +
    'statistic, asymptotic p-value). A feature drifts when its PSI reaches the threshold or the KS test rejects at the ' +
    'significance level. With a model wired, the predictions on both batches are compared too.',
  inputs: {
    reference: port.datasetOrSplits({ label: 'training data', description: 'Fed splits, the train split is the reference.' }),
    current: port.dataset({ label: 'new batch' }),
    model: port.model({ optional: true }),
  },
  outputs: { metrics: port.metrics() },
  params: () => ({
    features: p.columns({ title: 'Features', description: 'Columns to compare; empty = every feature column.' }),
    psiThreshold: p.number({ default: 0.2, gt: 0, title: 'PSI threshold', description: '0.1 is a slight shift, 0.25 a major one.' }),
    alpha: p.number({ default: 0.01, gt: 0, max: 0.5, title: 'KS significance level' }),
  }),
  run(inputs, params, ctx) {
    const reference = fitRows(requireData(inputs.reference, 'reference'))
    const current = requireData(inputs.current, 'current')
    if (!isDataset(current)) throw new Error('Input "current" needs one table of new rows, not splits.')
    const thresholds = { psi: params.psiThreshold, alpha: params.alpha }
    const features = sharedFeatures(reference, current, params.features).map(([a, b]) => featureDrift(sample(a), sample(b), thresholds))
    const model = inputs.model as TrainedModel | undefined
    const prediction = model ? predictionDrift(model, reference, current, (m) => ctx.log.warn(m)) : undefined
    const metrics = driftMetrics(features, prediction)
    return { metrics }
  },
  summarize(outputs, params) {
    const m = outputs.metrics as Metrics
    const rows = m.matrices!.drift
    const drifted = rows.rowLabels.filter((_, i) => rows.values[i][3] === 1)
    const predictionDrifted = m.scalars.prediction_psi !== undefined && m.scalars.prediction_psi >= params.psiThreshold
    const verdict = driftVerdict(rows.rowLabels.map((name, i) => ({ name, drifted: rows.values[i][3] === 1 })), predictionDrifted)
    return { verdict, drifted, ...(m.scalars.prediction_psi !== undefined ? { predictionPsi: m.scalars.prediction_psi } : {}) }
  },
})
