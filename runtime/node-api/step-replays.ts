import type { NodeDefinition } from './define-node'

/** The rule every declared replay follows: a node replays the one step it writes, named by its type id. */
export function replayProblem(def: Pick<NodeDefinition, 'type' | 'replays'>): string | undefined {
  const other = def.replays?.find((r) => r.step !== def.type)
  return other && `Node type "${def.type}" declares a replay for fitted step "${other.step}"; a node replays the step it writes, named "${def.type}".`
}
