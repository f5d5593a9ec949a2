import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The model node types, in palette order. */
export const modelNodes: readonly NodeDefinition<any>[] = []
