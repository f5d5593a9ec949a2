import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { datePartsNode } from './date-parts'
import { minMaxNode } from './minmax'
import { oneHotNode } from './onehot'
import { ordinalNode } from './ordinal'
import { pcaNode } from './pca'
import { splitNode } from './split'
import { standardizeNode } from './standardize'

/** The transform node types, in palette order. */
export const transformNodes: readonly NodeDefinition<any>[] = [
  splitNode,
  standardizeNode,
  minMaxNode,
  oneHotNode,
  ordinalNode,
  datePartsNode,
  pcaNode,
]
