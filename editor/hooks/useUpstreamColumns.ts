import { useEffect, useState } from 'react'
import type { Preview } from '../../runtime/worker/engine-api'
import { useEditor, useGraph, useRun, useUi } from '../store'
import { currentDoc } from '../store/selectors'

export type ColumnInfo = Extract<Preview, { kind: 'dataset' }>['columns'][number]

/**
 * The table a node's column params pick from: the first wired input's table, or, for a source
 * node (a CSV file), its own output. Read from that node's last result; undefined until one
 * exists. A source node keeps its columns while an edit of its own params makes it stale.
 */
export function useUpstreamColumns(nodeId: string | undefined): ColumnInfo[] | undefined {
  const ed = useEditor()
  const feed = useGraph((s) => s.edges.find((e) => e.target === nodeId))
  const type = useGraph((s) => s.nodes.find((n) => n.id === nodeId)?.data.nodeType)
  const ownPort = useUi((s) => {
    const desc = type ? s.descriptors.get(type) : undefined
    if (!desc || Object.keys(desc.inputs).length > 0) return undefined
    return Object.entries(desc.outputs).find(([, p]) => (p.types as string[]).includes('dataset'))?.[0]
  })
  const source = feed ? { node: feed.source, port: feed.sourceHandle ?? '' } : ownPort && nodeId ? { node: nodeId, port: ownPort } : undefined
  const sourceKey = useRun((s) => (source ? s.runs.get(source.node)?.resultKey : undefined))
  const [columns, setColumns] = useState<ColumnInfo[] | undefined>(undefined)
  useEffect(() => {
    setColumns(undefined)
    if (!source || !sourceKey) return
    let live = true
    ed.engine()
      .preview(currentDoc(ed), source.node, source.port, { rows: 0 })
      .then((p) => {
        if (live && p?.kind === 'dataset') setColumns(p.columns)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [source?.node, source?.port, sourceKey, ed])
  return columns
}
