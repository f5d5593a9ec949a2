import type { Dataset, FittedStep } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { DEFAULT_REPLAYS, isLoaderStep, replayOf, type ReplayLookup } from './replays'
import { currentStepId } from './step-aliases'

// A step saved under an old id equals the same step written today (step-aliases.ts).
const sameStep = (a: FittedStep, b: FittedStep) =>
  currentStepId(a.type) === currentStepId(b.type) && JSON.stringify(a.state) === JSON.stringify(b.state)

/**
 * Replays a fitted preprocessing lineage on raw rows with the training table's columns (the
 * target may be absent), so a trained model can score them. The statistics come from the
 * steps, never from `raw`, so scoring one row gives the same numbers as scoring many.
 * Row filters (drop rows, split) fit nothing and are not steps.
 */
export function applySteps(steps: readonly FittedStep[], raw: Dataset, replays: ReplayLookup = DEFAULT_REPLAYS): Dataset {
  let d: Dataset = { ...raw, steps: [] }
  for (const step of steps) {
    const replay = replayOf(step, replays)
    if (!replay) throw new Error(`Unknown preprocessing step "${step.type}"; this pipeline was saved by a newer version.`)
    d = replay.replay(step.state, d)
  }
  return { ...d, steps: [...steps] }
}

/**
 * Brings a table to the form the model was trained on. A table whose lineage is a prefix of
 * the model's (raw rows from a loader, or partly preprocessed) gets the missing fitted steps
 * replayed; a table already through them all is used as is.
 */
export function conformToModel(model: TrainedModel, d: Dataset, warn: (m: string) => void, replays: ReplayLookup = DEFAULT_REPLAYS): Dataset {
  const have = d.steps
  const need = model.steps
  const prefix = have.length <= need.length && have.every((s, i) => sameStep(s, need[i]))
  if (prefix) return have.length === need.length ? d : { ...applySteps(need.slice(have.length), d, replays), steps: need }
  // Rows from a loader carry only its schema step (how they were read): they are raw, replay everything.
  if (have.every((s) => isLoaderStep(s, replays))) return applySteps(need, d, replays)
  warn(
    'This table was preprocessed differently from the training data (its fitted steps differ); ' +
      'scoring it as is. Feed raw rows or rows from the same preprocessing chain.',
  )
  return d
}
