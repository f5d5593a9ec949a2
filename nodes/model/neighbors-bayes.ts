import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { modelSpec, specSummary, taskParam } from './spec'

export const knnNode = defineNode({
  type: 'model.knn',
  version: 1,
  category: 'model',
  title: 'k-nearest neighbours',
  description:
    'Predicts from the k training rows closest in Euclidean distance: their majority class (or mean value), ' +
    'each neighbour counting equally or by inverse distance. Scale the features first.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    task: taskParam(),
    k: p.int({ default: 5, min: 1, max: 1000, title: 'Neighbours (k)' }),
    weights: p.select(['uniform', 'distance'] as const, { default: 'uniform', title: 'Weights' }),
  },
  run: (_i, { task, ...config }) => ({ model: modelSpec('knn', task, config, false) }),
  summarize: specSummary,
})

export const naiveBayesNode = defineNode({
  type: 'model.naive-bayes',
  version: 1,
  category: 'model',
  title: 'Naive Bayes (Gaussian)',
  description:
    'Treats each feature as normally distributed within each class, independently of the others, and picks the ' +
    'most probable class (scikit-learn\'s GaussianNB, with its variance smoothing).',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    varSmoothing: p.number({
      default: 1e-9,
      min: 0,
      max: 1,
      title: 'Variance smoothing',
      description: 'Fraction of the largest feature variance added to every variance, for stability.',
    }),
  },
  run: (_i, config) => ({ model: modelSpec('naive-bayes', 'classification', config, false) }),
  summarize: specSummary,
})
