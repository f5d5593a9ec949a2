import type { Dataset } from '../../runtime/values/dataset'
import type { Task } from '../../runtime/values/ml'
import { featureMatrix, targetColumn, targetVector, quoteList, type FeatureMatrix } from '../table/table'
import { inferTask, MAX_INFERRED_CLASSES } from '../table/task'

/** Training data as numbers: features, the encoded target and the task it implies. */
export interface TrainingTable {
  X: FeatureMatrix
  /** Class index (classification), value (regression); absent for unsupervised models. */
  y?: Float64Array
  task: Task
  target?: string
  classes?: string[]
}

/**
 * The task a model trains for: a clustering or embedding family's own (no target needed), the
 * one chosen on the model node, else what the target column implies (see `inferTask`).
 */
export function resolveTask(tasks: readonly Task[], chosen: Task | 'auto', d: Dataset): Task {
  const unsupervised = tasks.find((t) => t === 'clustering' || t === 'embedding')
  if (unsupervised) return unsupervised
  if (chosen !== 'auto') return chosen
  const t = targetColumn(d)
  if (!t) throw new Error('The training data has no target column; add a Set target node before training.')
  return inferTask(t).task
}

/** The most classes a classification target may have (20 000 classes took 6 GB in logistic regression). */
export const MAX_CLASSES = 1000

/** Encodes a dataset for training; a numeric target becomes classes (sorted values) when classifying. */
export function trainingTable(d: Dataset, chosen: Task | 'auto', tasks: readonly Task[]): TrainingTable {
  const task = resolveTask(tasks, chosen, d)
  const X = featureMatrix(d)
  if (X.rows === 0) throw new Error('The training data has no rows.')
  if (task === 'clustering' || task === 'embedding') return { X, task }
  const t = targetVector(d)
  if (!t) throw new Error('The training data has no target column; add a Set target node before training.')
  if (task === 'regression') {
    if (t.type === 'categorical') {
      throw new Error(
        `Target "${t.name}" is categorical but the model is set to regression: set the model's Task to classification or auto, ` +
          `or, if its categories are numbers, make it numeric (Column types "${t.name}:numeric" on the data node).`,
      )
    }
    return { X, y: t.values, task, target: t.name }
  }
  if (t.type === 'categorical') {
    if (t.classes && t.classes.length > MAX_CLASSES) {
      throw new Error(
        `Target "${t.name}" has ${t.classes.length} classes; the limit is ${MAX_CLASSES} (models keep a weight or a count per class, and ` +
          'one-hot targets grow with rows × classes). Group rare classes first, or if this is an identifier, give it the ID role.',
      )
    }
    return { X, y: t.values, task, target: t.name, classes: t.classes }
  }
  const distinct = [...new Set(t.values)].sort((a, b) => a - b)
  if (distinct.length > 100) {
    throw new Error(
      `Target "${t.name}" has ${distinct.length} distinct numbers; that is a regression target, not classes: set the model's Task to regression or auto ` +
        `(auto classifies integer targets with at most ${MAX_INFERRED_CLASSES} values).`,
    )
  }
  const index = new Map(distinct.map((v, i) => [v, i]))
  return { X, y: t.values.map((v) => index.get(v)!), task, target: t.name, classes: distinct.map(String) }
}

/** Class indices for a table scored by a model, mapped onto the model's classes (-1 when unknown). */
export function encodeActual(d: Dataset, classes?: string[]): Float64Array | undefined {
  const t = targetVector(d)
  if (!t) return undefined
  if (!classes) return t.values
  const index = new Map(classes.map((c, i) => [c, i]))
  const name = (v: number) => (t.classes ? t.classes[v] : String(v))
  return t.values.map((v) => index.get(name(v)) ?? -1)
}

/** The feature matrix of `d` with columns in the order a model was trained on. */
export function matrixFor(d: Dataset, names: string[]): FeatureMatrix {
  const all = featureMatrix(d)
  if (all.names.length === names.length && all.names.every((n, i) => n === names[i])) return all
  const missing = names.filter((n) => !all.names.includes(n))
  if (missing.length) {
    throw new Error(
      `The model was trained on columns ${quoteList(names)}; this table lacks ${quoteList(missing)}. ` +
        'Feed it rows with the training columns.',
    )
  }
  const cols = names.length
  const at = names.map((n) => all.names.indexOf(n))
  const values = new Float64Array(all.rows * cols)
  for (let i = 0; i < all.rows; i++) for (let j = 0; j < cols; j++) values[i * cols + j] = all.values[i * all.cols + at[j]]
  return { names, values, rows: all.rows, cols }
}
