import { nodeTitle } from '../lib/node-title'
import { useGraph, useUi } from '../store'

/** The title a node's card shows (nodeTitle), or its id when it is not on this level. */
export function useNodeTitle(id: string | undefined): string | undefined {
  const node = useGraph((s) => (id === undefined ? undefined : s.nodes.find((n) => n.id === id)))
  return useUi((s) => (node ? nodeTitle(node.data.label, node.data.nodeType, s.descriptors) : id))
}
