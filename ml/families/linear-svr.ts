import { p } from '../../runtime/values/params'
import { alphaParam, linearSeedParam, svmCParam } from './config'
import { exactWired } from './exact-linear'
import { fitExactLinearSvr } from './exact-linear-svm'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Linear SVR: scikit-learn's LinearSVR (liblinear) when nothing is wired, else gradient descent on the epsilon-insensitive loss. */
export const linearSvr = defineFamily({
  id: 'linear-svr',
  title: 'Linear SVR',
  description:
    'Linear support-vector regression: errors smaller than epsilon cost nothing, larger ones grow linearly (epsilon-insensitive ' +
    'loss). With no loss or optimizer wired it is solved as scikit-learn\'s LinearSVR (L2 penalty set by C, liblinear\'s dual ' +
    'coordinate descent); wire a loss and an optimizer to train it by gradient descent with the alpha penalty instead.',
  tasks: ['regression'],
  gradient: true,
  config: () => ({
    epsilon: p.number({ default: 0, min: 0, max: 1e6, title: 'Epsilon', description: 'Width of the no-penalty tube, in target units (scikit-learn\'s default 0).' }),
    C: svmCParam(),
    alpha: alphaParam(0.0001),
    seed: linearSeedParam(),
  }),
  fit: async (t, config, ctx) =>
    exactWired(ctx)
      ? fitExactLinearSvr(t, config.C, config.epsilon, ctx)
      : fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha, defaultLoss: { name: 'epsilon-insensitive', config: { epsilon: config.epsilon } } }),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('linear SVR', v),
})
