import type { Predictions, Task } from '../../runtime/values/ml'

/** Checks on the `predictions` value that metric and figure nodes share, with plain messages. */

const METRIC_NODE: Record<Task, string> = {
  classification: 'Classification metrics',
  regression: 'Regression metrics',
  clustering: 'Clustering metrics',
  embedding: 'a Scatter figure',
}

/**
 * Says why predictions have the wrong task and how to fix it: a model trained for regression
 * fed to a classification scorer usually had Task = auto on a numeric target, so the fix is on
 * the model or the target, not another metric node (which comes last, as the other way out).
 */
export function taskMismatch(got: Task, need: Task): string {
  const start = `These are ${got} predictions, but this node needs ${need} predictions.`
  if (got === 'regression' && need === 'classification') {
    return (
      `${start} The model trained for regression: its Task is regression, or auto with a numeric target that has fractions or more than 20 distinct values. ` +
      'To classify, set Task = classification on the model node, or make the target column categorical (its name and ":categorical" in the data ' +
      "node's Column types, or a Cast column types node). To score numbers, use Regression metrics instead."
    )
  }
  if (got === 'classification' && need === 'regression') {
    return (
      `${start} The model trained for classification: its Task is classification, or auto with a categorical target or one of a few integer values. ` +
      'To predict numbers, set Task = regression on the model node (with a numeric target: its name and ":numeric" in the data node\'s Column types). ' +
      'To score classes, use Classification metrics instead.'
    )
  }
  return `${start} Use ${METRIC_NODE[got]} instead.`
}

/** The predictions on `port`, which must be of `task`; otherwise says which node fits instead. */
export function requirePredictions(v: unknown, task: Task, port = 'predictions'): Predictions {
  const pred = v as Predictions | undefined
  if (!pred || pred.kind !== 'predictions') {
    throw new Error(`Input "${port}" needs predictions; connect a Predict node.`)
  }
  if (pred.task !== task) throw new Error(taskMismatch(pred.task, task))
  if (pred.predicted.length !== pred.rows) {
    throw new Error(`The predictions are inconsistent: ${pred.predicted.length} predicted values for ${pred.rows} rows.`)
  }
  return pred
}

/** The true values; predictions made on a table without a target have none. */
export function requireActual(pred: Predictions): Float64Array {
  if (!pred.actual) {
    throw new Error(
      'The predictions have no true values because the table had no target column; predict on a split that has the target.',
    )
  }
  if (pred.actual.length !== pred.rows) {
    throw new Error(`The predictions are inconsistent: ${pred.actual.length} true values for ${pred.rows} rows.`)
  }
  if (pred.rows === 0) throw new Error('The predictions have no rows; check the split sizes upstream.')
  return pred.actual
}

/** Checked classification predictions with their true labels and class names (what every class scorer needs). */
export function classifiedPredictions(v: unknown): { pred: Predictions; actual: Float64Array; classes: string[] } {
  const pred = requirePredictions(v, 'classification')
  const actual = requireActual(pred)
  return { pred, actual, classes: requireClasses(pred, actual) }
}

/** Class names of classification predictions, checking that every label indexes one. */
function requireClasses(pred: Predictions, actual: Float64Array): string[] {
  const classes = pred.classes
  if (!classes || classes.length === 0) throw new Error('The predictions carry no class names; they cannot be scored as classes.')
  if (actual.includes(-1)) {
    throw new Error('Some rows have a true class the model never saw in training; filter them out or retrain on data that has every class.')
  }
  if (!classIndices(actual, classes.length) || !classIndices(pred.predicted, classes.length)) {
    throw new Error(`Class labels must be class indices 0…${classes.length - 1}; some true or predicted labels are not.`)
  }
  return classes
}

// Plain loops, not `some` with a callback per value: a metrics node re-run after an edit runs them barely warmed up.

/** Whether every value is an integer in 0 … k − 1. */
function classIndices(values: ArrayLike<number>, k: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isInteger(v) || v < 0 || v >= k) return false
  }
  return true
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false
  return true
}

/** The rows × classes probability matrix, if present and well-formed. */
export function probabilityMatrix(pred: Predictions, k: number): Float64Array | undefined {
  return checkedMatrix(pred.probabilities, pred.rows, k, 'probabilities')
}

/** What ROC curves rank rows by: probabilities, else decision scores (linear SVM), if present. */
export function rankingMatrix(pred: Predictions, k: number): Float64Array | undefined {
  return probabilityMatrix(pred, k) ?? checkedMatrix(pred.scores, pred.rows, k, 'decision scores')
}

function checkedMatrix(values: Float64Array | undefined, rows: number, k: number, what: string): Float64Array | undefined {
  if (!values) return undefined
  if (values.length !== rows * k) {
    throw new Error(`The predictions are inconsistent: ${values.length} ${what} for ${rows} rows × ${k} classes.`)
  }
  if (!allFinite(values)) {
    throw new Error(`Some predicted ${what} are NaN or infinite; the model diverged — retrain it with a lower learning rate.`)
  }
  return values
}

/** Throws when a numeric vector holds NaN or infinities (a diverged regression model). */
export function requireFinite(values: Float64Array, what: string): Float64Array {
  if (!allFinite(values)) {
    throw new Error(`Some ${what} are NaN or infinite; retrain the model (e.g. with a lower learning rate) or clean the target.`)
  }
  return values
}

/** Which class counts as positive: the named one, or the second class (sklearn's pos_label=1 on 0/1 labels). */
export function positiveIndex(classes: string[], name: string): number {
  if (name === '') return classes.length > 1 ? 1 : 0
  const i = classes.indexOf(name)
  if (i < 0) throw new Error(`Positive class "${name}" is not one of the classes: ${classes.join(', ')}. Pick one of them or leave it empty.`)
  return i
}
