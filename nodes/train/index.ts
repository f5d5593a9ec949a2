import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { fitNode } from './fit'

/** The train node types, in palette order. */
export const trainNodes: readonly NodeDefinition<any>[] = [fitNode]
