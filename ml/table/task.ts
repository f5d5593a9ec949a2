import type { Column } from '../../runtime/values/dataset'

/**
 * The task a target column implies when a model's Task is "auto".
 *
 * - A categorical target is a class label: classification.
 * - A numeric target is a class label too when it looks like one: every value is an integer,
 *   there are at most `MAX_INFERRED_CLASSES` (20) distinct values, and fewer distinct values
 *   than half the rows (so a class has more than two rows on average). The 0/1 of a binary
 *   label, the 0/1/2 of wine or iris codes and ratings 1–5 are classes; prices, measurements,
 *   ages in years (dozens of values) and a handful of rows with distinct integers are not.
 * - Anything else is regression.
 *
 * Missing cells are ignored here (training refuses them anyway). Set Task on the model, or
 * the column's type, to decide otherwise.
 */
export const MAX_INFERRED_CLASSES = 20

export interface InferredTask {
  task: 'classification' | 'regression'
  /** Distinct class values (classification only). */
  classes?: number
}

export function inferTask(target: Column): InferredTask {
  if (target.type === 'categorical') return { task: 'classification', classes: target.categories.length }
  const distinct = new Set<number>()
  let rows = 0
  for (const v of target.values) {
    if (Number.isNaN(v)) continue
    if (!Number.isInteger(v)) return { task: 'regression' }
    rows++
    distinct.add(v)
    if (distinct.size > MAX_INFERRED_CLASSES) return { task: 'regression' }
  }
  if (distinct.size === 0 || distinct.size >= rows / 2) return { task: 'regression' }
  return { task: 'classification', classes: distinct.size }
}

/** "classification · 3 classes" or "regression": what a data node's summary says the target is for under Task = auto. */
export function describeTask(target: Column): string {
  const t = inferTask(target)
  return t.task === 'regression' ? 'regression' : `classification · ${t.classes} class${t.classes === 1 ? '' : 'es'}`
}
