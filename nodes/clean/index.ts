import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The clean node types, in palette order. */
export const cleanNodes: readonly NodeDefinition<any>[] = []
