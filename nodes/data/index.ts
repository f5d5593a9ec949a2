import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The data node types, in palette order. */
export const dataNodes: readonly NodeDefinition<any>[] = []
