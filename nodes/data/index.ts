import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { blobsNode } from './blobs'
import { circlesNode } from './circles'
import { classificationNode } from './classification'
import { csvNode } from './csv'
import { excelNode } from './excel'
import { irisNode } from './iris'
import { jsonNode } from './json'
import { moonsNode } from './moons'
import { parquetNode } from './parquet'
import { regressionNode } from './regression'
import { spiralsNode } from './spirals'
import { sqlNode } from './sql'
import { urlNode } from './url'
import { xorNode } from './xor'

/** The data node types, in palette order. */
export const dataNodes: readonly NodeDefinition<any>[] = [
  csvNode,
  excelNode,
  parquetNode,
  jsonNode,
  sqlNode,
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
