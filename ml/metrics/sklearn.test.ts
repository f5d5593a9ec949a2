import { describe, expect, it } from 'vitest'
import { accuracy, averagedScores, confusionMatrix, logLoss } from './classification'
import { adjustedRandIndex, silhouetteScore } from './clustering'
import { regressionScores } from './regression'
import { oneVsRestRoc, rocCurve } from './roc'
import { SKLEARN_CASES } from './sklearn.fixture'

/** Random inputs (with tied scores) scored by scikit-learn itself; every number must agree to 1e-12. */
describe.each(SKLEARN_CASES.map((c) => [`${c.k} classes, ${c.actual.length} rows`, c] as const))('matches scikit-learn: %s', (_, c) => {
  const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 12)

  it('precision, recall, F1 for every averaging; accuracy', () => {
    const cm = confusionMatrix(c.actual, c.predicted, c.k)
    const averages = c.k === 2 ? (['macro', 'weighted', 'micro', 'binary'] as const) : (['macro', 'weighted', 'micro'] as const)
    for (const avg of averages) {
      const s = averagedScores(cm, avg, 1)
      const ref = (c as Record<string, unknown>)[avg] as number[]
      close(s.precision, ref[0])
      close(s.recall, ref[1])
      close(s.f1, ref[2])
    }
    close(accuracy(c.actual, c.predicted), c.accuracy)
  })

  it('log loss, ROC AUC and the ROC curve points', () => {
    close(logLoss(c.actual, c.probabilities, c.k), c.logLoss)
    const classes = c.k === 2 ? [1] : Array.from({ length: c.k }, (_, i) => i)
    const roc = oneVsRestRoc(c.actual, c.probabilities, c.k, classes)
    close(roc.curves.reduce((s, x) => s + x.auc, 0) / roc.curves.length, c.rocAuc)
    const scores = c.actual.map((_, i) => c.probabilities[i * c.k + 1])
    const curve = rocCurve(c.actual.map((a) => a === 1), scores)!
    expect(curve.fpr).toHaveLength(c.roc1.fpr.length)
    curve.fpr.forEach((v, i) => close(v, c.roc1.fpr[i]))
    curve.tpr.forEach((v, i) => close(v, c.roc1.tpr[i]))
  })

  it('silhouette and adjusted Rand index', () => {
    close(silhouetteScore(c.X, c.actual.length, 2, c.clusters), c.silhouette)
    close(adjustedRandIndex(c.actual, c.clusters), c.adjustedRand)
  })

  it('regression scores', () => {
    const s = regressionScores(c.y, c.yHat)
    close(s.r2!, c.r2)
    close(s.explainedVariance!, c.explainedVariance)
    close(s.mse, c.mse)
    close(s.mae, c.mae)
  })
})
