import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The figure node types, in palette order. */
export const figureNodes: readonly NodeDefinition<any>[] = []
