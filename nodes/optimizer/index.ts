import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The optimizer node types, in palette order. */
export const optimizerNodes: readonly NodeDefinition<any>[] = []
