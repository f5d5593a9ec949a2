import { p } from '../../runtime/values/params'
import { alphaParam, gradientLinearSeedParam, migrateOwnSeed } from './config'
import { exactWired, fitExactLogistic, linearNetImportance } from './exact-linear'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Logistic regression: fitted exactly by L-BFGS (scikit-learn's LogisticRegression), or by gradient descent when a loss and optimizer are wired. */
export const logisticRegression = defineFamily({
  id: 'logistic-regression',
  // 2: its own seed for gradient training; version 1 nodes get −1 (the Train node's seed, as before).
  version: 2,
  migrate: migrateOwnSeed,
  title: 'Logistic regression',
  description:
    'Classifies with a linear score per class: sigmoid for two classes, softmax (multinomial) for more. Gives class probabilities. ' +
    'With no loss or optimizer wired it is fitted exactly by L-BFGS with an L2 penalty set by C, as scikit-learn\'s ' +
    'LogisticRegression; wire a loss and an optimizer to train it by gradient descent with the alpha penalty instead.',
  tasks: ['classification'],
  gradient: true,
  config: () => ({
    C: p.number({
      default: 1,
      gt: 0,
      max: 1e9,
      title: 'C',
      description: 'Exact fit (no loss/optimizer wired): inverse L2 strength as scikit-learn\'s C, minimizing C·Σ log loss + ½‖w‖².',
    }),
    alpha: alphaParam(0.0001),
    seed: gradientLinearSeedParam(),
  }),
  fit: async (t, config, ctx) => (exactWired(ctx) ? fitExactLogistic(t, config.C, ctx) : fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha })),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('logistic regression', v),
  featureImportance: linearNetImportance,
})
