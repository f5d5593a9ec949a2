import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The transform node types, in palette order. */
export const transformNodes: readonly NodeDefinition<any>[] = []
