import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { FAMILIES } from '../../ml/families'
import { familyNode } from './family-node'
import { tsneNode } from './tsne'

/** The model node types, in palette order: one per model family, then t-SNE (a direct node, it cannot score new rows). */
export const modelNodes: readonly NodeDefinition<any>[] = [...FAMILIES.map(familyNode), tsneNode]

/** The model node of a family id (tests and examples build specs with it). */
export function modelNode(familyId: string): NodeDefinition<any> {
  const node = modelNodes.find((n) => n.type === `model.${familyId}`)
  if (!node) throw new Error(`No model node for family "${familyId}".`)
  return node
}
