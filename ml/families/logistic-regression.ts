import { alphaParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Logistic regression trained by gradient descent on the tfjs backend (no hidden layers). */
export const logisticRegression = defineFamily({
  id: 'logistic-regression',
  title: 'Logistic regression',
  description:
    'Classifies with a linear score per class: sigmoid for two classes, softmax (multinomial) for more, ' +
    'fitted by gradient descent on cross-entropy. Gives class probabilities.',
  tasks: ['classification'],
  gradient: true,
  config: { alpha: alphaParam(0.0001) },
  fit: (t, config, ctx) => fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha }),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('logistic regression', v),
})
