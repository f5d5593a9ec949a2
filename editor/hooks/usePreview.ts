import { useEffect, useState } from 'react'
import type { Preview } from '../../runtime/worker/engine-api'
import type { PreviewOptions } from '../../runtime/values/preview'
import { useEditor, useRun } from '../store'
import { currentDoc } from '../store/selectors'

export type PreviewState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; preview: Preview } | { status: 'failed'; message: string }

/** Rows a table preview fetches at a time: one page. */
export const PAGE_ROWS = 500

/** Which page of a table, in which order (see PreviewOptions). */
export type TableView = Pick<PreviewOptions, 'offset' | 'sort'>

/**
 * The display-sized value of one output, fetched from the engine's cache whenever the node's
 * result changes. Nothing is computed here: a node without a current result has no preview.
 * Turning a page keeps the shown one until the next arrives.
 */
export function usePreview(nodeId: string | undefined, port: string | undefined, split?: string, view: TableView = {}): PreviewState {
  const resultKey = useRun((s) => (nodeId ? s.runs.get(nodeId)?.resultKey : undefined))
  const currentKey = useRun((s) => (nodeId ? s.keys.get(nodeId) : undefined))
  const fresh = resultKey !== undefined && resultKey === currentKey
  const ed = useEditor()
  const [state, setState] = useState<PreviewState>({ status: 'none' })
  useEffect(() => {
    if (!nodeId || !port || !fresh) {
      setState({ status: 'none' })
      return
    }
    let live = true
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }))
    ed.engine()
      .preview(currentDoc(ed), nodeId, port, { rows: PAGE_ROWS, ...view, ...(split ? { split } : {}) })
      .then((preview) => live && setState(preview ? { status: 'ready', preview } : { status: 'none' }))
      .catch((e: Error) => live && setState({ status: 'failed', message: e.message }))
    return () => {
      live = false
    }
    // The view is compared by value: a new object with the same page must not fetch again.
  }, [nodeId, port, split, fresh, resultKey, ed, view.offset, view.sort?.column, view.sort?.descending])
  return state
}
