import type { TrainedModel } from '../../runtime/values/ml'
import type { MatrixPredictions } from '../../ml/families/predict'
import type { DecimalMark } from '../../ml/table/cast'

/** The columns appended to each input row: the prediction, then one probability (or score) per class. */
export function outputColumns(model: TrainedModel, out?: MatrixPredictions): string[] {
  const classes = model.task === 'classification' ? model.classes : undefined
  if (!classes) return ['prediction']
  const kind = out?.scores && !out.probabilities ? 'score' : 'probability'
  return ['prediction', ...classes.map((c) => `${kind}_${c}`)]
}

/** Row `i`'s prediction and probabilities; with a decimal comma, its numbers as the input writes its own (0,25). */
export function outputCells(model: TrainedModel, out: MatrixPredictions, i: number, decimal: DecimalMark = 'point'): (string | number)[] {
  const cells = rowCells(model, out, i)
  return decimal === 'comma' ? cells.map((c) => (typeof c === 'number' ? String(c).replace('.', ',') : c)) : cells
}

function rowCells(model: TrainedModel, out: MatrixPredictions, i: number): (string | number)[] {
  const classes = model.task === 'classification' ? model.classes : undefined
  if (!classes) return [out.predicted[i]]
  const k = classes.length
  const per = out.probabilities ?? out.scores
  const extra: number[] = []
  if (per && per.length === out.predicted.length * k) for (let j = 0; j < k; j++) extra.push(per[i * k + j])
  else if (per) extra.push(-per[i], per[i])
  return [classes[out.predicted[i]], ...extra]
}
