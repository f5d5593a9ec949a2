import type { ModelSpec, Task } from '../../runtime/values/ml'
import { p } from '../../runtime/node-api/params'

/** Builds the `model-spec` value a model node outputs. */
export function modelSpec(family: string, task: Task | 'auto', config: Record<string, unknown>, gradient: boolean): ModelSpec {
  return { kind: 'model-spec', family, task, config, gradient }
}

/** The node badge: the family and its hyperparameters (small scalars only). */
export function specSummary(outputs: Record<string, unknown>): Record<string, unknown> {
  const spec = outputs.model as ModelSpec
  const scalars = Object.entries(spec.config).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v))
  return { family: spec.family, task: spec.task, ...Object.fromEntries(scalars) }
}

/** A task picker for models that do both; 'auto' follows the target column (see `inferTask`). */
export const taskParam = () =>
  p.select(['auto', 'classification', 'regression'] as const, {
    default: 'auto',
    title: 'Task',
    description:
      'Auto: a categorical target, or a numeric one holding at most 20 distinct integers (fewer than half the rows, e.g. 0/1 labels), means classification; ' +
      'any other numeric target means regression.',
  })
