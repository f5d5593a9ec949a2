import type { NodeDefinition } from '../../runtime/node-api/define-node'
import type { StepReplay } from '../../runtime/values/dataset'
import { cleanNodes } from '../clean'
import { dataNodes } from '../data'
import { transformNodes } from '../transform'

/** Step replays by FittedStep.type, as the nodes that write those steps declare them. */
export type ReplayLookup = ReadonlyMap<string, StepReplay>

/** Collects the nodes' replays; one step id may be written by several nodes (every loader's schema), but with one replay. */
export function collectReplays(defs: readonly Pick<NodeDefinition, 'type' | 'replays'>[]): ReplayLookup {
  const byStep = new Map<string, StepReplay>()
  for (const def of defs) {
    for (const r of def.replays ?? []) {
      const known = byStep.get(r.step)
      if (known && known !== r) throw new Error(`Node type "${def.type}" declares a second replay for fitted step "${r.step}".`)
      byStep.set(r.step, r)
    }
  }
  return byStep
}

/** The replays of every node that writes fitted steps (loaders, cleaning, transforms). */
export const DEFAULT_REPLAYS = collectReplays([...dataNodes, ...cleanNodes, ...transformNodes])
