import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { driftNode } from './drift'
import { exportNode } from './export'

/** Nodes that take a trained model off the canvas and watch it there. */
export const deployNodes: readonly NodeDefinition<any>[] = [exportNode, driftNode]
