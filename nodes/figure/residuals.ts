import { defineNode } from '../../runtime/node-api/define-node'
import { requireActual, requireFinite, requirePredictions } from '../../ml/metrics/inputs'
import { displayRows, figure, round, sampleNote } from './display'

/** Residuals (true − predicted) against predicted values for a regression model. */
export const residualsFigureNode = defineNode({
  type: 'figure.residuals',
  version: 1,
  category: 'figure',
  title: 'Residuals',
  description:
    'Plots each row\'s residual (true − predicted, as scikit-learn\'s PredictionErrorDisplay) against its predicted value. ' +
    'A good fit scatters evenly around the zero line; a curve or a funnel shape means the model misses structure or the ' +
    'noise grows with the value. Large tables are shown as 5000 evenly spaced rows.',
  inputs: { predictions: { types: ['predictions'] } },
  outputs: { figure: { types: ['figure'] } },
  params: {},
  run({ predictions }) {
    const pred = requirePredictions(predictions, 'regression')
    const actual = requireFinite(requireActual(pred), 'true target values')
    const predicted = requireFinite(pred.predicted, 'predicted values')
    const rows = displayRows(pred.rows)
    const x = rows.map((i) => predicted[i])
    const y = rows.map((i) => actual[i] - predicted[i])
    let lo = Infinity
    let hi = -Infinity
    for (const v of predicted) {
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
    const meanAbs = actual.reduce((s, v, i) => s + Math.abs(v - predicted[i]), 0) / pred.rows
    return {
      figure: figure({
        chart: 'scatter',
        title: 'Residuals vs predicted',
        xLabel: 'Predicted value',
        yLabel: 'Residual (true − predicted)',
        series: [
          { name: 'rows', mode: 'points', x, y },
          { name: 'zero', mode: 'line', x: [lo, hi], y: [0, 0], reference: true },
        ],
        summary: { chart: 'residuals', points: rows.length, mae: round(meanAbs) },
        notes: sampleNote(rows.length, pred.rows),
      }),
    }
  },
})
