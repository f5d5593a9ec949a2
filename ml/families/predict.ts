import type { TrainedModel } from '../../runtime/values/ml'
import type { MatrixPredictions } from './family'
import { DEFAULT_FAMILIES, getFamily, type FamilyLookup } from './index'

export type { MatrixPredictions } from './family'

/**
 * Scores a row-major feature matrix (columns in `model.features` order) with a trained model,
 * through its family. Synchronous so a figure node can score a decision-boundary grid in one call.
 */
export function predictMatrix(model: TrainedModel, X: Float64Array, rows: number, families: FamilyLookup = DEFAULT_FAMILIES): MatrixPredictions {
  const cols = model.features.length
  if (X.length !== rows * cols) {
    throw new Error(`Expected ${rows} rows × ${cols} features (${model.features.join(', ')}), got ${X.length} numbers.`)
  }
  const family = getFamily(model.family, families)
  return family.predict(family.deserialize(model.state), X, rows, model)
}
