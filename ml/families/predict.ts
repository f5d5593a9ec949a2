import type { TrainedModel } from '../../runtime/values/ml'
import { predictNaiveBayes, type NaiveBayesState } from '../models/naive-bayes'
import type { ForestState } from './classical'
import { predictGradient, type GradientState } from './gradient'
import { assign } from '../models/kmeans'
import { predictKnn, type KnnState } from '../models/knn'
import { projectPca, type PcaState } from '../models/pca'
import { predictTrees } from '../models/tree'

export interface MatrixPredictions {
  /** Class index, value or cluster id per row (PCA: the first component). */
  predicted: Float64Array
  /** rows × classes, for classifiers that give probabilities. */
  probabilities?: Float64Array
  /** rows × classes decision scores, for classifiers without probabilities (linear SVM). */
  scores?: Float64Array
  /** Embedding coordinates (PCA projection), rows × names.length. */
  embedding?: { names: string[]; values: Float64Array }
}

function argmaxRows(p: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let arg = 0
    for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + arg]) arg = j
    out[i] = arg
  }
  return out
}

/**
 * Scores a row-major feature matrix (columns in `model.features` order) with a trained model.
 * Synchronous so a figure node can score a decision-boundary grid in one call.
 */
export function predictMatrix(model: TrainedModel, X: Float64Array, rows: number): MatrixPredictions {
  const cols = model.features.length
  if (X.length !== rows * cols) {
    throw new Error(`Expected ${rows} rows × ${cols} features (${model.features.join(', ')}), got ${X.length} numbers.`)
  }
  const s = model.state
  switch (model.family) {
    case 'decision-tree':
    case 'random-forest': {
      const out = predictTrees((s as unknown as ForestState).trees, X, cols, rows)
      if (model.task === 'regression') return { predicted: out }
      return { predicted: argmaxRows(out, rows, model.classes!.length), probabilities: out }
    }
    case 'knn':
      return predictKnn(s as unknown as KnnState, X, rows)
    case 'naive-bayes':
      return predictNaiveBayes(s as unknown as NaiveBayesState, X, rows)
    case 'kmeans':
    case 'hclust': {
      const c = s as unknown as { centers: Float64Array; k: number }
      return { predicted: assign(c.centers, c.k, X, rows, cols).labels }
    }
    case 'pca': {
      const p = s as unknown as PcaState
      const values = projectPca(p, X, rows)
      const names = Array.from({ length: p.components }, (_, i) => `pc_${i + 1}`)
      const predicted = Float64Array.from({ length: rows }, (_, i) => values[i * p.components])
      return { predicted, embedding: { names, values } }
    }
  }
  const g = s as unknown as GradientState
  return predictGradient(g, X, rows, model.family !== 'linear-svm')
}
