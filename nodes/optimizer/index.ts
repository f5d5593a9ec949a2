import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { adagradNode, adamNode, rmspropNode, sgdNode } from './optimizers'

/** The optimizer node types, in palette order. */
export const optimizerNodes: readonly NodeDefinition<any>[] = [sgdNode, adamNode, rmspropNode, adagradNode]
