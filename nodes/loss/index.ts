import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The loss node types, in palette order. */
export const lossNodes: readonly NodeDefinition<any>[] = []
