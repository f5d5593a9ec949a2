import type { NodeDefinition } from '../../runtime/node-api/define-node'
import type { FittedStep, StepReplay } from '../../runtime/values/dataset'
import { replayProblem } from '../../runtime/node-api/step-replays'
import { cleanNodes } from '../clean'
import { dataNodes } from '../data'
import { transformNodes } from '../transform'
import { currentStepId } from './step-aliases'

/** Step replays by FittedStep.type (the type id of the node that writes the step), as those nodes declare them. */
export type ReplayLookup = ReadonlyMap<string, StepReplay>

/** Collects the nodes' replays; each node replays the one step it writes, named by its own type id. */
export function collectReplays(defs: readonly Pick<NodeDefinition, 'type' | 'replays'>[]): ReplayLookup {
  const byStep = new Map<string, StepReplay>()
  for (const def of defs) {
    const problem = replayProblem(def)
    if (problem) throw new Error(problem)
    for (const r of def.replays ?? []) {
      if (byStep.has(r.step)) throw new Error(`Node type "${def.type}" is listed twice with replays.`)
      byStep.set(r.step, r)
    }
  }
  return byStep
}

/** The replays of every node that writes fitted steps (loaders, cleaning, transforms). */
export const DEFAULT_REPLAYS = collectReplays([...dataNodes, ...cleanNodes, ...transformNodes])

/** The replay of a saved step, by its id or by the id it was saved under before (step-aliases.ts). */
export function replayOf(step: FittedStep, replays: ReplayLookup = DEFAULT_REPLAYS): StepReplay | undefined {
  return replays.get(currentStepId(step.type))
}

/** True for a loader's schema step (how rows were read): a table whose lineage has only those is raw rows. */
export function isLoaderStep(step: FittedStep, replays: ReplayLookup = DEFAULT_REPLAYS): boolean {
  return replayOf(step, replays)?.loader === true
}
