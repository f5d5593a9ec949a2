import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Metrics } from '../../runtime/values/ml'
import { accuracy, averagedScores, confusionMatrix, logLoss, perClassScores, type Average } from '../../ml/metrics/classification'
import { classifiedPredictions, positiveIndex, probabilityMatrix, rankingMatrix } from '../../ml/metrics/inputs'
import { oneVsRestRoc } from '../../ml/metrics/roc'

/** 'auto' means binary for two classes and macro otherwise. */
function resolveAverage(average: Average | 'auto', classes: string[]): Average {
  if (average === 'auto') return classes.length === 2 ? 'binary' : 'macro'
  if (average === 'binary' && classes.length !== 2) {
    throw new Error(
      `Binary averaging needs exactly two classes, but there are ${classes.length} (${classes.join(', ')}); choose macro, weighted or micro averaging.`,
    )
  }
  return average
}

/** Accuracy, precision/recall/F1, confusion matrix, ROC/AUC and log loss of a classifier. */
export const classificationMetricsNode = defineNode({
  type: 'metric.classification',
  version: 1,
  category: 'metric',
  title: 'Classification metrics',
  description:
    'Scores class predictions against the true labels with scikit-learn\'s definitions: accuracy; precision, recall and F1 ' +
    '(binary for the positive class, or macro / weighted / micro averages over the classes that occur in the true or ' +
    'predicted labels; "auto" is binary for two classes and macro otherwise); a ratio whose denominator is 0, such as the ' +
    'precision of a class never predicted, counts as 0 (sklearn\'s zero_division default). Also gives the confusion matrix ' +
    '(rows = true class), per-class scores, and, from the predicted probabilities (or a linear SVM\'s decision scores), the ROC curve and its area ' +
    '(one-vs-rest, macro-averaged for more than two classes; undefined when a class has no true rows) and, with probabilities, the log loss ' +
    '(probabilities clipped to [ε, 1 − ε], ε = 2⁻⁵²).',
  inputs: { predictions: port.predictions() },
  outputs: { metrics: port.metrics() },
  params: () => ({
    average: p.select(['auto', 'binary', 'macro', 'weighted', 'micro'], {
      default: 'auto',
      title: 'Averaging',
      description: 'How per-class precision, recall and F1 are combined into one number.',
    }),
    positiveClass: p.text({
      default: '',
      maxLength: 200,
      title: 'Positive class',
      description: 'The class scored by binary averaging and the binary ROC curve. Empty: the second class.',
    }),
  }),
  run({ predictions }, params, ctx) {
    const { pred, actual, classes } = classifiedPredictions(predictions)
    const k = classes.length
    const average = resolveAverage(params.average, classes)
    const positive = positiveIndex(classes, params.positiveClass)
    const cm = confusionMatrix(actual, pred.predicted, k)
    const per = perClassScores(cm)
    const metrics: Metrics = {
      kind: 'metrics',
      scalars: { accuracy: accuracy(actual, pred.predicted), ...averagedScores(cm, average, positive) },
      matrices: {
        confusion: { rowLabels: classes, colLabels: classes, values: cm },
        perClass: {
          rowLabels: classes,
          colLabels: ['precision', 'recall', 'f1', 'support'],
          values: classes.map((_, i) => [per.precision[i], per.recall[i], per.f1[i], per.support[i]]),
        },
      },
      curves: {},
    }
    const ranking = rankingMatrix(pred, k)
    if (!ranking) {
      ctx.log.info('The model gives no class probabilities or scores, so there is no ROC curve or log loss.')
      return { metrics }
    }
    const rocClasses = k === 2 ? [positive] : classes.map((_, i) => i)
    const roc = oneVsRestRoc(actual, ranking, k, rocClasses)
    for (const { cls, curve } of roc.curves) {
      const name = k === 2 ? 'roc' : `roc:${classes[cls]}`
      metrics.curves![name] = { x: curve.fpr, y: curve.tpr, xLabel: 'False positive rate', yLabel: 'True positive rate' }
    }
    if (roc.undefinedFor.length === 0) {
      metrics.scalars.rocAuc = roc.curves.reduce((s, c) => s + c.auc, 0) / roc.curves.length
    } else {
      const missing = roc.undefinedFor.map((i) => classes[i]).join(', ')
      ctx.log.warn(`ROC AUC is undefined because class ${missing} has no true rows (or only true rows) in these predictions.`)
    }
    const probs = probabilityMatrix(pred, k)
    if (probs) metrics.scalars.logLoss = logLoss(actual, probs, k)
    else ctx.log.info('The model gives decision scores, not probabilities: ROC uses the scores, and there is no log loss.')
    return { metrics }
  },
})
