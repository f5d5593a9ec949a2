import type { NodeDefinition } from '../../runtime/node-api/define-node'
import {
  binaryCrossentropyNode,
  categoricalCrossentropyNode,
  hingeLossNode,
  huberLossNode,
  maeLossNode,
  mseLossNode,
} from './losses'

/** The loss node types, in palette order. */
export const lossNodes: readonly NodeDefinition<any>[] = [
  mseLossNode,
  maeLossNode,
  huberLossNode,
  binaryCrossentropyNode,
  categoricalCrossentropyNode,
  hingeLossNode,
]
