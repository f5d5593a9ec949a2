import type { MatrixPredictions } from './family'
import { assign } from '../models/kmeans'

/** Clustering families label new rows by their nearest center. */
export function nearestCenter(s: { centers: Float64Array; k: number; cols: number }, X: Float64Array, rows: number): MatrixPredictions {
  return { predicted: assign(s.centers, s.k, X, rows, s.cols).labels }
}
