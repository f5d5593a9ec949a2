import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Series } from '../../runtime/values/figure'
import { classifiedPredictions, positiveIndex, rankingMatrix } from '../../ml/metrics/inputs'
import { oneVsRestRoc } from '../../ml/metrics/roc'
import { figure, round } from './display'

/** ROC curve(s) of a classifier with the AUC in each legend entry. */
export const rocFigureNode = defineNode({
  type: 'figure.roc',
  version: 1,
  category: 'figure',
  title: 'ROC curve',
  description:
    'Plots the true positive rate against the false positive rate as the decision threshold moves, from the predicted ' +
    'probabilities, or decision scores for a linear SVM (scikit-learn\'s roc_curve: one point per distinct score, collinear ' +
    'points dropped). Two classes give ' +
    'one curve for the positive class; more give one one-vs-rest curve per class. The legend shows each area under ' +
    'the curve; the dashed diagonal is a random guess (AUC 0.5).',
  inputs: { predictions: { types: ['predictions'] } },
  outputs: { figure: { types: ['figure'] } },
  params: () => ({
    positiveClass: p.text({
      default: '',
      maxLength: 200,
      title: 'Positive class',
      description: 'For two classes: the class whose curve is drawn. Empty: the second class.',
    }),
  }),
  run({ predictions }, params, ctx) {
    const { pred, actual, classes } = classifiedPredictions(predictions)
    const k = classes.length
    const probs = rankingMatrix(pred, k)
    if (!probs) throw new Error('This model gives no class probabilities or scores, so there is no ROC curve; use a classifier.')
    const wanted = k === 2 ? [positiveIndex(classes, params.positiveClass)] : classes.map((_, i) => i)
    const roc = oneVsRestRoc(actual, probs, k, wanted)
    if (roc.curves.length === 0) throw new Error('No ROC curve can be drawn: the predictions contain only one class.')
    const notes = roc.undefinedFor.map((i) => `No curve for class ${classes[i]}: it has no true rows (or only true rows).`)
    for (const n of notes) ctx.log.warn(n)
    const series: Series[] = roc.curves.map(({ cls, curve, auc }) => ({
      name: `${classes[cls]} (AUC ${round(auc, 3)})`,
      mode: 'line',
      x: curve.fpr,
      y: curve.tpr,
      classIndex: cls,
    }))
    series.push({ name: 'chance', mode: 'line', x: [0, 1], y: [0, 1], reference: true })
    const aucs = Object.fromEntries(roc.curves.map((c) => [k === 2 ? 'auc' : `auc:${classes[c.cls]}`, round(c.auc)]))
    return {
      figure: figure({
        chart: 'line',
        title: k === 2 ? `ROC curve (positive class ${classes[wanted[0]]})` : 'ROC curves (one-vs-rest)',
        xLabel: 'False positive rate',
        yLabel: 'True positive rate',
        series,
        summary: { chart: 'roc', ...aucs },
        notes,
      }),
    }
  },
})
