import type { ModelSpec } from '../../runtime/values/ml'
import { fitNaiveBayes } from '../models/naive-bayes'
import type { TrainingTable } from './training-table'
import { fitHclust, type Linkage } from '../models/hclust'
import { fitKMeans } from '../models/kmeans'
import type { KnnState } from '../models/knn'
import { fitPca } from '../models/pca'
import { fitTree, type Tree } from '../models/tree'

/** Display names for messages ("Decision tree does not use a loss function"). */
export const FAMILY_TITLES: Record<string, string> = {
  'linear-regression': 'Linear regression',
  'logistic-regression': 'Logistic regression',
  mlp: 'Neural network',
  cnn: 'Convolutional network',
  'linear-svm': 'Linear SVM',
  'linear-svr': 'Linear SVR',
  'decision-tree': 'Decision tree',
  'random-forest': 'Random forest',
  knn: 'k-nearest neighbours',
  'naive-bayes': 'Naive Bayes',
  kmeans: 'k-means',
  hclust: 'Hierarchical clustering',
  pca: 'PCA',
}

export interface ForestState {
  trees: Tree[]
}

const num = (spec: ModelSpec, key: string) => spec.config[key] as number

/** Features tried per split: scikit-learn's max_features names mapped to a count. */
function maxFeatures(spec: ModelSpec, cols: number, classifying: boolean): number {
  const m = spec.config.maxFeatures as string
  if (m === 'sqrt' || (m === 'auto' && classifying)) return Math.max(1, Math.floor(Math.sqrt(cols)))
  if (m === 'log2') return Math.max(1, Math.floor(Math.log2(cols)))
  return cols
}

/** Fits a non-gradient family; returns its plain-data state and a few numbers for the summary. */
export function fitClassical(
  spec: ModelSpec,
  t: TrainingTable,
  random: () => number,
  /** Called between random-forest trees: report progress, throw to cancel. */
  onStep: (done: number, total: number) => void = () => {},
): {
  state: Record<string, unknown>
  summary: Record<string, unknown>
} {
  const { values: X, rows, cols } = t.X
  const classes = t.classes?.length ?? 0
  const y = t.y!
  switch (spec.family) {
    case 'decision-tree': {
      const tree = fitTree(X, cols, y, Int32Array.from({ length: rows }, (_, i) => i), {
        classes,
        maxDepth: num(spec, 'maxDepth'),
        minSamplesSplit: num(spec, 'minSamplesSplit'),
        minSamplesLeaf: num(spec, 'minSamplesLeaf'),
        maxFeatures: cols,
        random,
      })
      return { state: { trees: [tree] }, summary: { nodes: tree.feature.length, depth: treeDepth(tree) } }
    }
    case 'random-forest': {
      const trees: Tree[] = []
      const m = maxFeatures(spec, cols, classes > 0)
      const total = num(spec, 'nEstimators')
      for (let e = 0; e < total; e++) {
        onStep(e, total)
        const sample = spec.config.bootstrap
          ? Int32Array.from({ length: rows }, () => Math.floor(random() * rows))
          : Int32Array.from({ length: rows }, (_, i) => i)
        trees.push(
          fitTree(X, cols, y, sample, {
            classes,
            maxDepth: num(spec, 'maxDepth'),
            minSamplesSplit: 2,
            minSamplesLeaf: num(spec, 'minSamplesLeaf'),
            maxFeatures: m,
            random,
          }),
        )
      }
      return { state: { trees }, summary: { trees: trees.length, maxFeatures: m } }
    }
    case 'knn': {
      const k = num(spec, 'k')
      if (k > rows) throw new Error(`k-NN with k = ${k} needs at least ${k} training rows; the table has ${rows}. Lower k.`)
      const state: KnnState = { X, cols, y, k, weights: spec.config.weights as KnnState['weights'], classes }
      return { state: state as unknown as Record<string, unknown>, summary: { k, rows } }
    }
    case 'naive-bayes': {
      if (!classes) throw new Error('Naive Bayes classifies; its target must be categorical.')
      const state = fitNaiveBayes(X, cols, y, classes, num(spec, 'varSmoothing'))
      return { state: state as unknown as Record<string, unknown>, summary: { classes } }
    }
    case 'kmeans': {
      const state = fitKMeans(X, rows, cols, {
        k: num(spec, 'k'),
        nInit: num(spec, 'nInit'),
        maxIter: num(spec, 'maxIter'),
        tol: num(spec, 'tol'),
        random,
      })
      return { state: state as unknown as Record<string, unknown>, summary: { inertia: state.inertia, iterations: state.iterations } }
    }
    case 'hclust': {
      const state = fitHclust(X, rows, cols, num(spec, 'k'), spec.config.linkage as Linkage)
      return { state: state as unknown as Record<string, unknown>, summary: { clusters: state.k } }
    }
    case 'pca': {
      const state = fitPca(X, rows, cols, { components: num(spec, 'components') })
      const explained = state.explainedVarianceRatio.reduce((a, b) => a + b, 0)
      return { state: state as unknown as Record<string, unknown>, summary: { components: state.components, explainedVariance: explained } }
    }
  }
  throw new Error(`Unknown model family "${spec.family}"; connect a model node from the palette.`)
}

function treeDepth(t: Tree, node = 0): number {
  return t.feature[node] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[node]), treeDepth(t, t.right[node]))
}
