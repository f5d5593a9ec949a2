import type { Dataset } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { matrixFor } from '../../ml/families/training-table'
import { conformToModel } from '../../nodes/predict/lineage'
import type { MatrixPredictions } from '../../ml/families/family'
import { predictMatrix } from '../../ml/families/predict'

/**
 * Scores a raw table exactly as the canvas's Predict node does: the model's fitted lineage
 * replayed on the rows, the feature matrix in training order, the family's predict.
 */
export function scoreTable(model: TrainedModel, raw: Dataset, warn: (m: string) => void = () => {}): MatrixPredictions {
  const conformed = conformToModel(model, raw, warn)
  const X = matrixFor(conformed, model.features)
  return predictMatrix(model, X.values, X.rows)
}

/** One row's prediction in TensorFlow Serving's shape: a label with class probabilities, or a number. */
export type RowPrediction = number | { label: string; probabilities?: Record<string, number>; scores?: Record<string, number> }

/** The predictions of rows `0..rows` as JSON-ready values. */
export function rowPredictions(model: TrainedModel, out: MatrixPredictions, rows: number): RowPrediction[] {
  const result: RowPrediction[] = new Array(rows)
  const classes = model.task === 'classification' ? model.classes : undefined
  for (let i = 0; i < rows; i++) {
    if (!classes) {
      result[i] = out.predicted[i]
      continue
    }
    const k = classes.length
    const label = classes[out.predicted[i]]
    if (out.probabilities) {
      const probabilities: Record<string, number> = {}
      for (let j = 0; j < k; j++) Object.defineProperty(probabilities, classes[j], { value: out.probabilities[i * k + j], enumerable: true })
      result[i] = { label, probabilities }
    } else if (out.scores) {
      const row = out.scores.length === rows * k ? Array.from(out.scores.subarray(i * k, (i + 1) * k)) : [-out.scores[i], out.scores[i]]
      const scores: Record<string, number> = {}
      row.forEach((s, j) => Object.defineProperty(scores, classes[j], { value: s, enumerable: true }))
      result[i] = { label, scores }
    } else result[i] = { label }
  }
  return result
}
