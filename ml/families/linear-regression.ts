import { alphaParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Linear regression trained by gradient descent on the tfjs backend (no hidden layers). */
export const linearRegression = defineFamily({
  id: 'linear-regression',
  title: 'Linear regression',
  description:
    'Predicts a number as a weighted sum of the features plus an intercept, fitted by gradient descent on the mean squared error. ' +
    'Set alpha > 0 for ridge (L2) regularisation.',
  tasks: ['regression'],
  gradient: true,
  config: { alpha: alphaParam(0) },
  fit: (t, config, ctx) => fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha }),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('linear regression', v),
})
