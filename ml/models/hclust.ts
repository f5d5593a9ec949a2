import { agnes } from 'ml-hclust'
import { requireFiniteDistances } from '../table/magnitude'

/**
 * Agglomerative clustering with ml-hclust (a maintained mljs package, Lance–Williams updates
 * on Euclidean distances), cut into k clusters. Ward uses ml-hclust's 'ward2', the variant on
 * unsquared distances that scipy and scikit-learn call "ward". It cannot label new rows, so
 * the model keeps each cluster's centroid and scores new rows by the nearest one.
 */
export type Linkage = 'ward' | 'complete' | 'average' | 'single'

export interface HclustState {
  k: number
  cols: number
  centers: Float64Array
  /** Cluster of each training row (numbered by each cluster's first row). */
  labels: Float64Array
}

export function fitHclust(X: Float64Array, rows: number, cols: number, k: number, linkage: Linkage): HclustState {
  if (k > rows) throw new Error(`Hierarchical clustering into ${k} clusters needs at least ${k} rows; the table has ${rows}.`)
  if (rows > 5000) throw new Error(`Hierarchical clustering keeps all ${rows}² distances; use at most 5000 rows (or k-means).`)
  requireFiniteDistances(X, rows, cols, 'Hierarchical clustering')
  const data = Array.from({ length: rows }, (_, i) => Array.from(X.subarray(i * cols, i * cols + cols)))
  const tree = agnes(data, { method: linkage === 'ward' ? 'ward2' : linkage })
  const groups = tree.group(k).children.map((c) => c.indices().sort((a, b) => a - b))
  groups.sort((a, b) => a[0] - b[0])
  const labels = new Float64Array(rows)
  const centers = new Float64Array(k * cols)
  groups.forEach((members, c) => {
    for (const i of members) {
      labels[i] = c
      for (let j = 0; j < cols; j++) centers[c * cols + j] += X[i * cols + j] / members.length
    }
  })
  return { k: groups.length, cols, centers, labels }
}
