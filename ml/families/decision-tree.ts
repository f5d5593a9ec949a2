import { p } from '../../runtime/values/params'
import { treeImportance } from '../importance/impurity'
import { treeSteps } from '../models/tree'
import { runCancellable } from './checkpoint'
import { maxDepthParam, minSamplesLeafParam } from './config'
import { defineFamily } from './family'
import { deserializeForest, forestImportance, predictForest, serializeForest, treeDepth, type ForestState } from './tree-state'

export const decisionTree = defineFamily({
  id: 'decision-tree',
  title: 'Decision tree',
  description:
    'A CART tree of yes/no questions on single features, chosen by Gini impurity (classification) or squared ' +
    'error (regression), like scikit-learn\'s DecisionTreeClassifier/Regressor. Limit the depth to avoid overfitting.',
  tasks: ['classification', 'regression'],
  gradient: false,
  config: () => ({
    maxDepth: maxDepthParam(),
    minSamplesSplit: p.int({ default: 2, min: 2, max: 10_000, title: 'Min rows to split' }),
    minSamplesLeaf: minSamplesLeafParam(),
  }),
  async fit(t, config, ctx) {
    const { values: X, rows, cols } = t.X
    const all = Int32Array.from({ length: rows }, (_, i) => i)
    const classes = t.classes?.length ?? 0
    const tree = await runCancellable(treeSteps(X, cols, t.y!, all, { classes, ...config, maxFeatures: cols, random: ctx.random }), ctx.signal)
    const state: ForestState = { trees: [tree], importance: treeImportance(tree, X, cols, t.y!, all, classes) }
    return { state, summary: { nodes: tree.feature.length, depth: treeDepth(tree) } }
  },
  predict: predictForest,
  serialize: serializeForest,
  deserialize: (v) => deserializeForest('decision tree', v),
  featureImportance: forestImportance('decision tree'),
})
