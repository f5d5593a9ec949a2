import type { Dataset, FittedStep } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { applySteps } from '../transform/apply-steps'

const sameStep = (a: FittedStep, b: FittedStep) => a.type === b.type && JSON.stringify(a.state) === JSON.stringify(b.state)

/**
 * Brings a table to the form the model was trained on. A table whose lineage is a prefix of
 * the model's (raw rows from a loader, or partly preprocessed) gets the missing fitted steps
 * replayed; a table already through them all is used as is.
 */
export function conformToModel(model: TrainedModel, d: Dataset, warn: (m: string) => void): Dataset {
  const have = d.steps
  const need = model.steps
  const prefix = have.length <= need.length && have.every((s, i) => sameStep(s, need[i]))
  if (prefix) return have.length === need.length ? d : { ...applySteps(need.slice(have.length), d), steps: need }
  // Rows from a loader carry only its own 'schema' step (how they were read): they are raw, replay everything.
  if (have.every((s) => s.type === 'schema')) return applySteps(need, d)
  warn(
    'This table was preprocessed differently from the training data (its fitted steps differ); ' +
      'scoring it as is. Feed raw rows or rows from the same preprocessing chain.',
  )
  return d
}
