import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The train node types, in palette order. */
export const trainNodes: readonly NodeDefinition<any>[] = []
