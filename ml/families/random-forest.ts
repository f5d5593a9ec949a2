import { p, seedParam } from '../../runtime/values/params'
import { forestSteps } from '../models/forest'
import { runCancellable } from './checkpoint'
import { maxDepthParam, minSamplesLeafParam } from './config'
import { defineFamily } from './family'
import { deserializeForest, forestImportance, predictForest, serializeForest, type ForestState } from './tree-state'

type MaxFeatures = 'auto' | 'sqrt' | 'log2' | 'all'

/** Features tried per split: scikit-learn's max_features names mapped to a count. */
function maxFeatures(m: MaxFeatures, cols: number, classifying: boolean): number {
  if (m === 'sqrt' || (m === 'auto' && classifying)) return Math.max(1, Math.floor(Math.sqrt(cols)))
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(cols)))
  return cols
}

export const randomForest = defineFamily({
  id: 'random-forest',
  title: 'Random forest',
  description:
    'Many decision trees, each grown on a bootstrap sample of the rows and trying a random subset of features at ' +
    'every split; classification averages their class probabilities, regression their values (scikit-learn\'s rules).',
  tasks: ['classification', 'regression'],
  gradient: false,
  config: () => ({
    nEstimators: p.int({ default: 100, min: 1, max: 2000, title: 'Trees' }),
    maxDepth: maxDepthParam(),
    maxFeatures: p.select(['auto', 'sqrt', 'log2', 'all'] as const, {
      default: 'auto',
      title: 'Features per split',
      description: 'Auto: √(features) for classification, all for regression (scikit-learn\'s defaults).',
    }),
    minSamplesLeaf: minSamplesLeafParam(),
    bootstrap: p.bool({ default: true, title: 'Bootstrap samples' }),
    seed: seedParam(),
  }),
  async fit(t, config, ctx) {
    const { values: X, rows, cols } = t.X
    const classes = t.classes?.length ?? 0
    const m = maxFeatures(config.maxFeatures, cols, classes > 0)
    const total = config.nEstimators
    const forest = await runCancellable(
      forestSteps(X, rows, cols, t.y!, {
        trees: total,
        bootstrap: config.bootstrap,
        classes,
        maxDepth: config.maxDepth,
        minSamplesSplit: 2,
        minSamplesLeaf: config.minSamplesLeaf,
        maxFeatures: m,
        random: ctx.random,
        onTree: (e) => ctx.progress(e / total, `tree ${e + 1}/${total}`),
      }),
      ctx.signal,
    )
    const state: ForestState = forest
    return { state, summary: { trees: forest.trees.length, maxFeatures: m } }
  },
  predict: predictForest,
  serialize: serializeForest,
  deserialize: (v) => deserializeForest('random forest', v),
  featureImportance: forestImportance('random forest'),
})
