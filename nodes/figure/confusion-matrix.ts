import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { confusionMatrix } from '../../ml/metrics/classification'
import { classifiedPredictions } from '../../ml/metrics/inputs'
import { figure, round } from './display'

/** Divides counts as sklearn's confusion_matrix(normalize=...) does; an all-zero row or column stays 0. */
export function normalizeMatrix(cm: number[][], mode: 'none' | 'true' | 'pred' | 'all'): number[][] {
  if (mode === 'none') return cm
  const total = cm.flat().reduce((s, v) => s + v, 0)
  const rowSum = cm.map((r) => r.reduce((s, v) => s + v, 0))
  const colSum = cm[0].map((_, j) => cm.reduce((s, r) => s + r[j], 0))
  return cm.map((r, i) =>
    r.map((v, j) => {
      const den = mode === 'true' ? rowSum[i] : mode === 'pred' ? colSum[j] : total
      return den === 0 ? 0 : v / den
    }),
  )
}

/** Confusion matrix heatmap: true classes as rows, predicted classes as columns. */
export const confusionMatrixFigureNode = defineNode({
  type: 'figure.confusion-matrix',
  version: 1,
  category: 'figure',
  title: 'Confusion matrix',
  description:
    'Counts how often each true class (rows) was predicted as each class (columns); the diagonal holds the correct ' +
    'predictions. Normalize like scikit-learn: by true class (each row sums to 1, the diagonal is each class\'s recall), ' +
    'by predicted class (columns sum to 1, the diagonal is precision) or over all rows.',
  inputs: { predictions: { types: ['predictions'] } },
  outputs: { figure: { types: ['figure'] } },
  params: () => ({
    normalize: p.select(['none', 'true', 'pred', 'all'], {
      default: 'none',
      title: 'Normalize',
      description: 'Show counts, or fractions of each true class, each predicted class, or all rows.',
    }),
  }),
  run({ predictions }, params) {
    const { pred, actual, classes } = classifiedPredictions(predictions)
    const cm = confusionMatrix(actual, pred.predicted, classes.length)
    const correct = cm.reduce((s, r, i) => s + r[i], 0)
    return {
      figure: figure({
        chart: 'heatmap',
        title: 'Confusion matrix',
        xLabel: 'Predicted class',
        yLabel: 'True class',
        series: [],
        heatmap: {
          rowLabels: classes,
          colLabels: classes,
          values: normalizeMatrix(cm, params.normalize),
          ...(params.normalize !== 'none' ? { normalized: true } : {}),
        },
        summary: { chart: 'confusion matrix', rows: pred.rows, accuracy: round(correct / pred.rows) },
      }),
    }
  },
})
