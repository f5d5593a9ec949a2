import { alphaParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** A linear SVM trained by gradient descent on the hinge loss (no hidden layers). */
export const linearSvm = defineFamily({
  id: 'linear-svm',
  title: 'Linear SVM',
  description:
    'A maximum-margin linear classifier trained on the hinge loss (Crammer–Singer for more than two classes). ' +
    'Gives class scores, not probabilities, like scikit-learn\'s LinearSVC.',
  tasks: ['classification'],
  gradient: true,
  config: { alpha: alphaParam(0.0001) },
  fit: (t, config, ctx) => fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha, defaultLoss: { name: 'hinge', config: {} } }),
  // Hinge-trained SVMs give decision scores, not probabilities, as scikit-learn's LinearSVC.
  predict: (s, X, rows) => predictGradient(s, X, rows, false),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, false),
  deserialize: (v) => deserializeGradient('linear SVM', v),
})
