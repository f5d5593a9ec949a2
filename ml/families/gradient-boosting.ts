import { p, seedParam } from '../../runtime/values/params'
import { fitBoosting, predictBoosting, type BoostingState } from '../boosting/gradient-boosting'
import type { RegressionTree } from '../boosting/residual-tree'
import { checkpoints } from './checkpoint'
import { defineFamily, type FitContext } from './family'
import { stateReader } from './state-check'
import { argmaxRows } from './tree-state'
import type { TrainingTable } from './training-table'

/** Rows held out for early stopping when the data has no validation split (scikit-learn's validation_fraction). */
const VALIDATION_FRACTION = 0.1

/** The validation rows early stopping watches: the validation split, else a seeded 10 % of the training rows. */
function validationRows(t: TrainingTable, ctx: FitContext) {
  const X = t.X.values
  const { rows, cols } = t.X
  const val = ctx.training.validation
  if (val?.y) return { train: { X, y: t.y!, rows }, validation: { X: val.X, y: val.y, rows: val.rows } }
  const order = Int32Array.from({ length: rows }, (_, i) => i)
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(ctx.random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const held = Math.max(1, Math.round(rows * VALIDATION_FRACTION))
  const pick = (idx: Int32Array) => {
    const out = new Float64Array(idx.length * cols)
    idx.forEach((r, k) => out.set(X.subarray(r * cols, (r + 1) * cols), k * cols))
    return { X: out, y: Float64Array.from(idx, (r) => t.y![r]), rows: idx.length }
  }
  ctx.log.info(`No validation split: early stopping holds out ${held} of the ${rows} training rows.`)
  return { train: pick(order.subarray(held)), validation: pick(order.subarray(0, held)) }
}

/** scikit-learn's GradientBoostingClassifier / GradientBoostingRegressor. */
export const gradientBoosting = defineFamily({
  id: 'gradient-boosting',
  title: 'Gradient boosting',
  description:
    'Adds small regression trees one after another, each fitted to the errors left by the ones before (the gradient of log ' +
    'loss or squared error), as scikit-learn\'s GradientBoostingClassifier/Regressor with its defaults: 100 trees of depth 3, ' +
    'learning rate 0.1. Early stopping watches the validation split (or 10 % of the training rows).',
  tasks: ['classification', 'regression'],
  gradient: false,
  config: () => ({
    nEstimators: p.int({ default: 100, min: 1, max: 10_000, title: 'Trees (stages)' }),
    learningRate: p.number({ default: 0.1, gt: 0, max: 1, title: 'Learning rate', description: 'How much of each tree is added; smaller needs more trees.' }),
    maxDepth: p.int({ default: 3, min: 1, max: 32, title: 'Max depth' }),
    nIterNoChange: p.int({
      default: 0,
      min: 0,
      max: 1000,
      title: 'Early stopping (stages)',
      description: 'Stop after this many stages without the validation loss improving by 1e-4; 0 = off.',
    }),
    seed: seedParam(),
  }),
  async fit(t, config, ctx) {
    const classes = t.task === 'classification' ? t.classes!.length : 0
    const step = checkpoints(ctx.signal)
    const rows = config.nIterNoChange > 0 ? validationRows(t, ctx) : { train: { X: t.X.values, y: t.y!, rows: t.X.rows } }
    const r = await fitBoosting(rows.train, t.X.cols, classes, { ...config, tol: 1e-4 }, {
      random: ctx.random,
      ...('validation' in rows ? { validation: rows.validation } : {}),
      onStage: async (done, total) => {
        ctx.progress(done / total, `stage ${done}/${total}`)
        await step()
      },
    })
    return { state: r.state, summary: { stages: r.stages, trainLoss: r.trainLoss } }
  },
  predict(s, X, rows) {
    const out = predictBoosting(s, X, rows)
    if (!s.classes) return { predicted: out }
    return { predicted: argmaxRows(out, rows, s.classes), probabilities: out }
  },
  serialize: (s) => ({ ...s, trees: s.trees.map((t) => ({ ...t })) }),
  deserialize(v): BoostingState {
    const r = stateReader('gradient boosting', v)
    const trees: RegressionTree[] = r.list('trees').map((t) => {
      const tr = stateReader('gradient boosting', t)
      const feature = tr.i32('feature')
      return { feature, threshold: tr.f64('threshold', feature.length), left: tr.i32('left'), right: tr.i32('right'), value: tr.f64('value', feature.length) }
    })
    const cols = r.number('cols')
    return { classes: r.number('classes'), cols, learningRate: r.number('learningRate'), init: r.f64('init'), trees, importance: r.f64('importance', cols) }
  },
  featureImportance: (s) => s.importance,
})

