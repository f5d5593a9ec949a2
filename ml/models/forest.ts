import { forestImportance, treeImportance } from '../importance/impurity'
import type { Stepwise } from '../stepwise'
import { sortRowsSteps, treeSteps, type Tree, type TreeOptions } from './tree'

export interface ForestOptions extends Omit<TreeOptions, 'sorted'> {
  trees: number
  /** Each tree on a bootstrap sample of the rows (drawn from `random` before the tree grows), else on all rows. */
  bootstrap: boolean
  /** Called before tree `index` grows (progress). */
  onTree?(index: number): void
}

export interface Forest {
  trees: Tree[]
  /** Impurity importance per feature, averaged over the trees (scikit-learn's feature_importances_). */
  importance: Float64Array
}

/**
 * A random forest as scikit-learn grows one: the rows sorted once by every feature, then each tree
 * on its sample. Stepwise down to the tree node (`treeSteps`), so a cancel lands inside a single
 * big tree, not only between trees.
 */
export function* forestSteps(X: Float64Array, rows: number, cols: number, y: Float64Array, o: ForestOptions): Stepwise<Forest> {
  const sorted = yield* sortRowsSteps(X, cols)
  const trees: Tree[] = []
  const perTree: Float64Array[] = []
  for (let e = 0; e < o.trees; e++) {
    o.onTree?.(e)
    const sample = o.bootstrap ? Int32Array.from({ length: rows }, () => Math.floor(o.random() * rows)) : Int32Array.from({ length: rows }, (_, i) => i)
    const tree = yield* treeSteps(X, cols, y, sample, { ...o, sorted })
    trees.push(tree)
    perTree.push(treeImportance(tree, X, cols, y, sample, o.classes))
  }
  return { trees, importance: forestImportance(perTree, cols) }
}
