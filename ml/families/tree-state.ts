import type { ModelInfo, MatrixPredictions } from './family'
import { predictTrees, type Tree } from '../models/tree'
import { stateReader } from './state-check'

/** Fitted state of the tree families: one tree (decision tree) or many (random forest). */
export interface ForestState {
  trees: Tree[]
  /** Impurity importance per feature, summing to 1 (scikit-learn's feature_importances_). */
  importance?: Float64Array
}

export function serializeForest(s: ForestState): Record<string, unknown> {
  return { trees: s.trees.map((t) => ({ ...t })), ...(s.importance ? { importance: s.importance } : {}) }
}

export function deserializeForest(family: string, v: Record<string, unknown>): ForestState {
  const trees = stateReader(family, v).list('trees').map((t) => {
    const r = stateReader(family, t)
    const feature = r.i32('feature')
    const outputs = r.number('outputs')
    return {
      feature,
      threshold: r.f64('threshold', feature.length),
      left: r.i32('left'),
      right: r.i32('right'),
      value: r.f64('value', feature.length * outputs),
      outputs,
    }
  })
  if (trees.length === 0) throw new Error(`The saved ${family} model has no trees.`)
  const r = stateReader(family, v)
  return { trees, ...(r.raw('importance') !== undefined ? { importance: r.f64('importance') } : {}) }
}

export function predictForest(s: ForestState, X: Float64Array, rows: number, model: ModelInfo): MatrixPredictions {
  const out = predictTrees(s.trees, X, model.features.length, rows)
  if (model.task === 'regression') return { predicted: out }
  return { predicted: argmaxRows(out, rows, model.classes!.length), probabilities: out }
}

export function argmaxRows(p: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let arg = 0
    for (let j = 1; j < k; j++) if (p[i * k + j] > p[i * k + arg]) arg = j
    out[i] = arg
  }
  return out
}

export function treeDepth(t: Tree, node = 0): number {
  return t.feature[node] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[node]), treeDepth(t, t.right[node]))
}

/** The importances a tree family keeps; a model saved before they were kept must be retrained. */
export function forestImportance(family: string) {
  return (s: ForestState): Float64Array => {
    if (!s.importance) throw new Error(`This ${family} model was trained before feature importances were kept; train it again.`)
    return s.importance
  }
}
