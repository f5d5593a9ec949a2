import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { alphaParam, modelSpec, specSummary } from './spec'

/** Linear models trained by gradient descent on the tfjs backend (wire a Train node). */

export const linearRegressionNode = defineNode({
  type: 'model.linear-regression',
  version: 1,
  category: 'model',
  title: 'Linear regression',
  description:
    'Predicts a number as a weighted sum of the features plus an intercept, fitted by gradient descent on the mean squared error. ' +
    'Set alpha > 0 for ridge (L2) regularisation.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: { alpha: alphaParam(0) },
  run: (_i, params) => ({ model: modelSpec('linear-regression', 'regression', { alpha: params.alpha }, true) }),
  summarize: specSummary,
})

export const logisticRegressionNode = defineNode({
  type: 'model.logistic-regression',
  version: 1,
  category: 'model',
  title: 'Logistic regression',
  description:
    'Classifies with a linear score per class: sigmoid for two classes, softmax (multinomial) for more, ' +
    'fitted by gradient descent on cross-entropy. Gives class probabilities.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: { alpha: alphaParam(0.0001) },
  run: (_i, params) => ({ model: modelSpec('logistic-regression', 'classification', { alpha: params.alpha }, true) }),
  summarize: specSummary,
})

export const linearSvmNode = defineNode({
  type: 'model.linear-svm',
  version: 1,
  category: 'model',
  title: 'Linear SVM',
  description:
    'A maximum-margin linear classifier trained on the hinge loss (Crammer–Singer for more than two classes). ' +
    'Gives class scores, not probabilities, like scikit-learn\'s LinearSVC.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: { alpha: alphaParam(0.0001) },
  run: (_i, params) => ({ model: modelSpec('linear-svm', 'classification', { alpha: params.alpha }, true) }),
  summarize: specSummary,
})

export const linearSvrNode = defineNode({
  type: 'model.linear-svr',
  version: 1,
  category: 'model',
  title: 'Linear SVR',
  description:
    'Linear support-vector regression: errors smaller than epsilon cost nothing, larger ones grow linearly ' +
    '(epsilon-insensitive loss).',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: {
    epsilon: p.number({ default: 0.1, min: 0, max: 1e6, title: 'Epsilon', description: 'Width of the no-penalty tube.' }),
    alpha: alphaParam(0.0001),
  },
  run: (_i, params) => ({
    model: modelSpec('linear-svr', 'regression', { epsilon: params.epsilon, alpha: params.alpha }, true),
  }),
  summarize: specSummary,
})
