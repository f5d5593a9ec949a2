import type { NodeDefinition } from '../runtime/node-api/define-node'
import { Registry } from '../runtime/registry'
import { cleanNodes } from './clean'
import { dataNodes } from './data'
import { deployNodes } from './deploy'
import { figureNodes } from './figure'
import { lossNodes } from './loss'
import { metricNodes } from './metric'
import { modelNodes } from './model'
import { optimizerNodes } from './optimizer'
import { predictNodes } from './predict'
import { rlNodes } from './rl'
import { selectNodes } from './select'
import { trainNodes } from './train'
import { transformNodes } from './transform'

/**
 * Every node type, listed once, in palette order. Registration is explicit (no import side
 * effects); the registry refuses duplicate type ids.
 */
export const allNodes: readonly NodeDefinition<any>[] = [
  ...dataNodes,
  ...cleanNodes,
  ...transformNodes,
  ...modelNodes,
  ...lossNodes,
  ...optimizerNodes,
  ...trainNodes,
  ...predictNodes,
  ...metricNodes,
  ...selectNodes,
  ...figureNodes,
  ...deployNodes,
  ...rlNodes,
]

/** The registry shared by the runtime, the CLI and the editor. */
export function createRegistry(): Registry {
  return new Registry(allNodes)
}
