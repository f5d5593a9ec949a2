import { useMemo } from 'react'
import { searchTargets, type SearchTarget } from '../lib/search-space'
import { useEditor, useGraph, useUi } from '../store'
import { currentDoc, selectEdges, selectNodes, selectPath } from '../store/selectors'

/** The nodes (at any group depth) a search node can tune, recomputed when the graph changes. */
export function useSearchTargets(searchId: string): SearchTarget[] {
  const ed = useEditor()
  const nodes = useGraph(selectNodes)
  const edges = useGraph(selectEdges)
  const path = useGraph(selectPath)
  const descriptors = useUi((s) => s.descriptors)
  // currentDoc reads the graph from the store: these subscriptions say when it changed.
  return useMemo(() => searchTargets(currentDoc(ed), searchId, descriptors), [ed, searchId, nodes, edges, path, descriptors])
}
