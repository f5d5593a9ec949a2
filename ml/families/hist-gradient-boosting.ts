import { p, seedParam } from '../../runtime/values/params'
import { predictBoosting } from '../boosting/gradient-boosting'
import { fitHistBoosting, HIST_DEFAULTS } from '../boosting/hist-gradient-boosting'
import { checkpoints } from './checkpoint'
import { defineFamily } from './family'
import { gradientBoosting } from './gradient-boosting'
import { argmaxRows } from './tree-state'

/** scikit-learn's HistGradientBoostingClassifier / HistGradientBoostingRegressor with their defaults. */
export const histGradientBoosting = defineFamily({
  id: 'hist-gradient-boosting',
  // 2: a tree whose root cannot split adds 0, as scikit-learn's (raw scores now match to 1e-9).
  version: 2,
  title: 'Histogram gradient boosting',
  description:
    'Gradient boosting on binned features (at most 255 bins per feature), trees grown best-first up to 31 leaves, as ' +
    'scikit-learn\'s HistGradientBoostingClassifier/Regressor with its defaults: 100 iterations, learning rate 0.1, 20 rows per ' +
    'leaf, no L2. Early stopping "auto" turns on above 10 000 rows: 10 % of the training rows held out, stop after 10 ' +
    'iterations without the validation loss improving by 1e-7. Fast on large tables; the loss curve shows the training loss per iteration.',
  tasks: ['classification', 'regression'],
  gradient: false,
  config: () => ({
    maxIter: p.int({ default: HIST_DEFAULTS.maxIter, min: 1, max: 10_000, title: 'Iterations', description: 'Boosting iterations (one tree per class per iteration for more than two classes).' }),
    learningRate: p.number({ default: HIST_DEFAULTS.learningRate, gt: 0, max: 1, title: 'Learning rate' }),
    maxLeafNodes: p.int({ default: HIST_DEFAULTS.maxLeafNodes, min: 2, max: 4096, title: 'Leaves per tree' }),
    minSamplesLeaf: p.int({ default: HIST_DEFAULTS.minSamplesLeaf, min: 1, max: 100_000, title: 'Min rows per leaf' }),
    l2: p.number({ default: HIST_DEFAULTS.l2, min: 0, max: 1e6, title: 'L2 regularization', description: 'Added to the hessian sum of every leaf.' }),
    maxBins: p.int({ default: HIST_DEFAULTS.maxBins, min: 2, max: 255, title: 'Bins per feature', advanced: true }),
    earlyStopping: p.select(['auto', 'on', 'off'] as const, {
      default: 'auto',
      title: 'Early stopping',
      description: 'auto: on above 10 000 training rows, as scikit-learn.',
    }),
    nIterNoChange: p.int({ default: HIST_DEFAULTS.nIterNoChange, min: 1, max: 1000, title: 'Patience (iterations)', advanced: true }),
    seed: seedParam(),
  }),
  async fit(t, config, ctx) {
    const classes = t.task === 'classification' ? t.classes!.length : 0
    const step = checkpoints(ctx.signal)
    const r = await fitHistBoosting({ X: t.X.values, y: t.y!, rows: t.X.rows }, t.X.cols, classes, { ...HIST_DEFAULTS, ...config }, {
      random: ctx.random,
      onIteration: async (done, total) => {
        ctx.progress(done / total, `iteration ${done}/${total}`)
        await step()
      },
    })
    if (r.heldOut) ctx.log.info(`Early stopping held out ${r.heldOut} training rows and stopped after ${r.iterations} iterations.`)
    const last = r.history[r.history.length - 1]
    return {
      state: r.state,
      history: r.history,
      summary: { iterations: r.iterations, trainLoss: last.loss, ...(last.valLoss !== undefined ? { valLoss: last.valLoss, heldOutRows: r.heldOut } : {}) },
    }
  },
  predict(s, X, rows) {
    const out = predictBoosting(s, X, rows)
    if (!s.classes) return { predicted: out }
    return { predicted: argmaxRows(out, rows, s.classes), probabilities: out }
  },
  // The same state as classic boosting (trees with thresholds on raw values): the same storage.
  serialize: gradientBoosting.serialize,
  deserialize: (v) => gradientBoosting.deserialize(v),
  /** Total split gain per feature, normalized (scikit-learn's HistGradientBoosting has no feature_importances_). */
  featureImportance: (s) => s.importance,
})
