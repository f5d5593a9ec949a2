import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { castColumnsNode } from './cast-columns'
import { dropDuplicatesNode } from './drop-duplicates'
import { dropMissingNode } from './drop-missing'
import { imputeNode } from './impute'
import { normalizeTextNode } from './normalize-text'
import { outliersNode } from './outliers'
import { renameColumnsNode } from './rename-columns'
import { selectColumnsNode } from './select-columns'
import { setRolesNode } from './set-roles'

/** The clean node types, in palette order. */
export const cleanNodes: readonly NodeDefinition<any>[] = [
  imputeNode,
  dropMissingNode,
  dropDuplicatesNode,
  outliersNode,
  normalizeTextNode,
  selectColumnsNode,
  renameColumnsNode,
  setRolesNode,
  castColumnsNode,
]
