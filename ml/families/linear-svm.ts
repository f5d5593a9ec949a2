import { alphaParam, linearSeedParam, svmCParam } from './config'
import { exactWired } from './exact-linear'
import { fitExactLinearSvc } from './exact-linear-svm'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** A linear SVM: scikit-learn's LinearSVC (liblinear) when nothing is wired, else gradient descent on the hinge loss. */
export const linearSvm = defineFamily({
  id: 'linear-svm',
  title: 'Linear SVM',
  description:
    'A maximum-margin linear classifier. With no loss or optimizer wired it is solved as scikit-learn\'s LinearSVC: squared hinge ' +
    'loss, L2 penalty set by C, one class against the rest, by liblinear\'s dual coordinate descent. Wire a loss and an optimizer ' +
    'to train it by gradient descent instead (hinge loss by default, Crammer–Singer for more than two classes, the alpha penalty). ' +
    'Gives class scores, not probabilities.',
  tasks: ['classification'],
  gradient: true,
  config: () => ({ C: svmCParam(), alpha: alphaParam(0.0001), seed: linearSeedParam() }),
  fit: async (t, config, ctx) =>
    exactWired(ctx)
      ? fitExactLinearSvc(t, config.C, ctx)
      : fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha, defaultLoss: { name: 'hinge', config: {} } }),
  // Hinge-trained SVMs give decision scores, not probabilities, as scikit-learn's LinearSVC.
  predict: (s, X, rows) => predictGradient(s, X, rows, false),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, false),
  deserialize: (v) => deserializeGradient('linear SVM', v),
})
