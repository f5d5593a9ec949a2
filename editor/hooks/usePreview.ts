import { useEffect, useState } from 'react'
import type { Preview } from '../../runtime/worker/engine-api'
import { useEditor, useRun } from '../store'
import { currentDoc } from '../store/selectors'

export type PreviewState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; preview: Preview } | { status: 'failed'; message: string }

/**
 * The display-sized value of one output, fetched from the engine's cache whenever the node's
 * result changes. Nothing is computed here: a node without a current result has no preview.
 */
export function usePreview(nodeId: string | undefined, port: string | undefined, split?: string): PreviewState {
  const resultKey = useRun((s) => (nodeId ? s.runs[nodeId]?.resultKey : undefined))
  const currentKey = useRun((s) => (nodeId ? s.keys[nodeId] : undefined))
  const fresh = resultKey !== undefined && resultKey === currentKey
  const ed = useEditor()
  const [state, setState] = useState<PreviewState>({ status: 'none' })
  useEffect(() => {
    if (!nodeId || !port || !fresh) {
      setState({ status: 'none' })
      return
    }
    let live = true
    setState({ status: 'loading' })
    ed.engine()
      .preview(currentDoc(ed), nodeId, port, { rows: 500, ...(split ? { split } : {}) })
      .then((preview) => live && setState(preview ? { status: 'ready', preview } : { status: 'none' }))
      .catch((e: Error) => live && setState({ status: 'failed', message: e.message }))
    return () => {
      live = false
    }
  }, [nodeId, port, split, fresh, resultKey, ed])
  return state
}
