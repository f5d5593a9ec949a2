import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { crossValidateNode } from './cross-validate'
import { searchNode } from './search'

/** Model selection: cross-validation and hyperparameter search over the pipeline upstream. */
export const selectNodes: readonly NodeDefinition<any>[] = [crossValidateNode, searchNode]
