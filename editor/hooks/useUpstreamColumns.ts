import { useEffect, useState } from 'react'
import type { Preview } from '../../runtime/worker/engine-api'
import { engine } from '../engine/engine'
import { useGraph, useRun } from '../store'
import { currentDoc } from '../store/selectors'

export type ColumnInfo = Extract<Preview, { kind: 'dataset' }>['columns'][number]

/**
 * Columns of the table wired into a node (its first connected input that carries a dataset),
 * read from the upstream result; undefined until that result exists.
 */
export function useUpstreamColumns(nodeId: string | undefined): ColumnInfo[] | undefined {
  const feed = useGraph((s) => s.edges.find((e) => e.target === nodeId))
  const upstreamKey = useRun((s) => (feed ? s.runs[feed.source]?.resultKey : undefined))
  const [columns, setColumns] = useState<ColumnInfo[] | undefined>(undefined)
  useEffect(() => {
    setColumns(undefined)
    if (!feed || !upstreamKey) return
    let live = true
    engine()
      .preview(currentDoc(), feed.source, feed.sourceHandle ?? '', { rows: 0 })
      .then((p) => {
        if (live && p?.kind === 'dataset') setColumns(p.columns)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [feed?.source, feed?.sourceHandle, upstreamKey])
  return columns
}
