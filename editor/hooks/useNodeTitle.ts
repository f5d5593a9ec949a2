import { useGraph, useUi } from '../store'

/** The title a node's card shows (its label, else its type's title), or its id when it is not on this level. */
export function useNodeTitle(id: string | undefined): string | undefined {
  const node = useGraph((s) => (id === undefined ? undefined : s.nodes.find((n) => n.id === id)))
  const typeTitle = useUi((s) => (node ? s.descriptors.get(node.data.nodeType)?.title : undefined))
  return node?.data.label ?? typeTitle ?? id
}
