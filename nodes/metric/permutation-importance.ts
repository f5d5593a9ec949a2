import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isDataset } from '../../runtime/values/dataset'
import type { Metrics } from '../../runtime/values/ml'
import { encodeActual, matrixFor } from '../../ml/families/training-table'
import { predictMatrix } from '../../ml/families/predict'
import { permutationImportance } from '../../ml/importance/permutation'
import { accuracy } from '../../ml/metrics/classification'
import { regressionScores } from '../../ml/metrics/regression'
import { requireData, targetColumn } from '../../ml/table/table'
import { importanceFigure } from '../figure/importance-bars'
import { conformToModel } from '../predict/lineage'
import { pickSplit, requireModel } from '../predict/apply'

/** scikit-learn's permutation_importance for any trained classifier or regressor. */
export const permutationImportanceNode = defineNode({
  type: 'metric.permutation-importance',
  version: 1,
  category: 'metric',
  tensors: true,
  title: 'Permutation importance',
  description:
    'How much the model\'s score drops when one feature\'s values are shuffled among the rows, as scikit-learn\'s ' +
    'permutation_importance: accuracy for classifiers, R² for regressors, averaged over repeats (± their standard ' +
    'deviation). Works for any model. Measure it on held-out rows (the test split by default): on training rows it ' +
    'shows what the model memorised.',
  inputs: { model: port.model(), data: port.datasetOrSplits() },
  outputs: { metrics: port.metrics(), figure: { types: ['figure'] } },
  params: () => ({
    split: p.select(['test', 'validation', 'train', 'all'] as const, { default: 'test', title: 'Split', description: 'Which split to measure on when fed splits.' }),
    repeats: p.int({ default: 5, min: 1, max: 100, title: 'Repeats', description: 'Shuffles per feature (scikit-learn\'s n_repeats).' }),
    seed: p.int({ default: 0, min: 0, max: 2 ** 31 - 1, title: 'Seed' }),
  }),
  run(inputs, params, ctx) {
    const model = requireModel(inputs.model)
    if (model.task !== 'classification' && model.task !== 'regression') {
      throw new Error(`Permutation importance needs a classifier or a regressor; this model does ${model.task}.`)
    }
    const data = requireData(inputs.data)
    const warn = (m: string) => ctx.log.warn(m)
    const picked = isDataset(data) ? data : pickSplit(data, params.split, warn).d
    const d = conformToModel(model, picked, warn)
    const classes = model.task === 'classification' ? model.classes : undefined
    const actual = targetColumn(d)?.name === model.target ? encodeActual(d, classes) : undefined
    if (!actual) throw new Error(`Permutation importance needs the true target "${model.target ?? ''}" in the scored rows.`)
    const X = matrixFor(d, model.features)
    const score = (values: Float64Array) => {
      const predicted = predictMatrix(model, values, X.rows).predicted
      return classes ? accuracy(actual, predicted) : (regressionScores(actual, predicted).r2 ?? NaN)
    }
    const r = permutationImportance(score, X.values, X.rows, X.names.length, {
      repeats: params.repeats,
      random: () => ctx.random(),
      onFeature: (done, total) => {
        if (ctx.signal.aborted) throw new Error('Cancelled.')
        ctx.progress(done / total, `feature ${done} of ${total}`)
      },
    })
    const metric = classes ? 'accuracy' : 'R²'
    const metrics: Metrics = {
      kind: 'metrics',
      scalars: { baseline: r.baseline, ...Object.fromEntries(X.names.map((n, j) => [`importance.${n}`, r.mean[j]])) },
      matrices: { importance: { rowLabels: X.names, colLabels: ['mean', 'std'], values: X.names.map((_, j) => [r.mean[j], r.std[j]]) } },
    }
    const figure = importanceFigure(X.names, r.mean, r.std, {
      title: 'Permutation importance',
      xLabel: `Drop in ${metric} when shuffled`,
      summary: { baseline: r.baseline, metric, repeats: params.repeats, rows: X.rows },
    })
    return { metrics, figure }
  },
  summarize: (outputs) => (outputs.figure as { summary: Record<string, unknown> }).summary,
})
