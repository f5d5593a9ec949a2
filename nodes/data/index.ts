import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { blobsNode } from './blobs'
import { circlesNode } from './circles'
import { classificationNode } from './classification'
import { csvNode } from './csv'
import { irisNode } from './iris'
import { moonsNode } from './moons'
import { regressionNode } from './regression'
import { spiralsNode } from './spirals'
import { urlNode } from './url'
import { xorNode } from './xor'

/** The data node types, in palette order. */
export const dataNodes: readonly NodeDefinition<any>[] = [
  csvNode,
  urlNode,
  irisNode,
  blobsNode,
  moonsNode,
  circlesNode,
  spiralsNode,
  xorNode,
  regressionNode,
  classificationNode,
]
