import { defineNode } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { modelSpec, specSummary, taskParam } from './spec'

/** Tree models (own CART in ml/models/tree.ts; see there why not ml-cart). */

const maxDepth = () =>
  p.int({ default: 0, min: 0, max: 100, title: 'Max depth', description: '0 = grow until the leaves are pure.' })
const minSamplesLeaf = () => p.int({ default: 1, min: 1, max: 10_000, title: 'Min rows per leaf' })

export const decisionTreeNode = defineNode({
  type: 'model.decision-tree',
  version: 1,
  category: 'model',
  title: 'Decision tree',
  description:
    'A CART tree of yes/no questions on single features, chosen by Gini impurity (classification) or squared ' +
    'error (regression), like scikit-learn\'s DecisionTreeClassifier/Regressor. Limit the depth to avoid overfitting.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    task: taskParam(),
    maxDepth: maxDepth(),
    minSamplesSplit: p.int({ default: 2, min: 2, max: 10_000, title: 'Min rows to split' }),
    minSamplesLeaf: minSamplesLeaf(),
  },
  run: (_i, { task, ...config }) => ({ model: modelSpec('decision-tree', task, config, false) }),
  summarize: specSummary,
})

export const randomForestNode = defineNode({
  type: 'model.random-forest',
  version: 1,
  category: 'model',
  title: 'Random forest',
  description:
    'Many decision trees, each grown on a bootstrap sample of the rows and trying a random subset of features at ' +
    'every split; classification averages their class probabilities, regression their values (scikit-learn\'s rules).',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    task: taskParam(),
    nEstimators: p.int({ default: 100, min: 1, max: 2000, title: 'Trees' }),
    maxDepth: maxDepth(),
    maxFeatures: p.select(['auto', 'sqrt', 'log2', 'all'] as const, {
      default: 'auto',
      title: 'Features per split',
      description: 'Auto: √(features) for classification, all for regression (scikit-learn\'s defaults).',
    }),
    minSamplesLeaf: minSamplesLeaf(),
    bootstrap: p.bool({ default: true, title: 'Bootstrap samples' }),
    seed: seedParam(),
  },
  run: (_i, { task, ...config }) => ({ model: modelSpec('random-forest', task, config, false) }),
  summarize: specSummary,
})
