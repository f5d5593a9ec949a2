import { findNode } from '../lib/nested-params'
import { nodeTitle } from '../lib/node-title'
import { useGraph, useUi } from '../store'

/** The title a node's card shows (nodeTitle), found on this level or inside a group; its id when it is nowhere. */
export function useNodeTitle(id: string | undefined): string | undefined {
  const descriptors = useUi((s) => s.descriptors)
  return useGraph((s) => {
    const node = id === undefined ? undefined : findNode(s, id)
    return node ? nodeTitle(node.label, node.nodeType, descriptors) : id
  })
}
