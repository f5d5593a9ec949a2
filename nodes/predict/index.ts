import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { predictNode } from './apply'

/** The predict node types, in palette order. */
export const predictNodes: readonly NodeDefinition<any>[] = [predictNode]
