import type { NodeDefinition } from '../runtime/node-api/define-node'
import { Registry } from '../runtime/registry'

/**
 * Every node type, listed once. Registration is explicit (no import side effects); the
 * registry refuses duplicate type ids.
 */
export const allNodes: readonly NodeDefinition<any>[] = []

/** The registry shared by the runtime, the CLI and the editor. */
export function createRegistry(): Registry {
  return new Registry(allNodes)
}
