import { alphaParam, gradientLinearSeedParam, migrateOwnSeed } from './config'
import { exactWired, fitExactRegression, linearNetImportance } from './exact-linear'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Linear regression: solved exactly (scikit-learn's LinearRegression / Ridge), or by gradient descent when a loss and optimizer are wired. */
export const linearRegression = defineFamily({
  id: 'linear-regression',
  // 2: its own seed for gradient training; version 1 nodes get −1 (the Train node's seed, as before).
  version: 2,
  migrate: migrateOwnSeed,
  title: 'Linear regression',
  description:
    'Predicts a number as a weighted sum of the features plus an intercept. With no loss or optimizer wired it is solved exactly ' +
    'by least squares, as scikit-learn\'s LinearRegression (ridge when alpha > 0); wire a loss and an optimizer to fit it by ' +
    'gradient descent instead. Set alpha > 0 for ridge (L2) regularisation.',
  tasks: ['regression'],
  gradient: true,
  config: () => ({ alpha: alphaParam(0), seed: gradientLinearSeedParam() }),
  fit: async (t, config, ctx) => (exactWired(ctx) ? fitExactRegression(t, config.alpha, ctx) : fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha })),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('linear regression', v),
  featureImportance: linearNetImportance,
})
