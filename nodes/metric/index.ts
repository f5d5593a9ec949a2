import type { NodeDefinition } from '../../runtime/node-api/define-node'

/** The metric node types, in palette order. */
export const metricNodes: readonly NodeDefinition<any>[] = []
