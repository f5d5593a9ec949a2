import { useEffect, useState } from 'react'
import { listGraphs, type SavedGraph } from '../engine/autosave-db'
import { openRecent } from '../engine/recent'
import { graphsInUse } from '../engine/tab-graph'
import { useEditor } from '../store'
import { Modal } from './Modal'

const when = (t: number) =>
  new Date(t).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })

/** Every graph this browser autosaved (one per tab, and each one New or Open replaced), newest first. */
export function RecentDialog() {
  const ed = useEditor()
  const close = () => ed.ui.getState().openDialog(null)
  const [graphs, setGraphs] = useState<SavedGraph[]>()
  const [inUse, setInUse] = useState<Set<string>>(new Set())
  useEffect(() => {
    void listGraphs().then(setGraphs)
    void graphsInUse().then(setInUse)
  }, [])
  return (
    <Modal title="Recent graphs" onClose={close} wide>
      {!graphs && <p className="muted">Reading…</p>}
      {graphs?.length === 0 && <p className="muted">No saved graphs yet: every graph you edit is saved here as you work.</p>}
      <ul className="recent" aria-label="Recent graphs">
        {graphs?.map((g) => (
          <li key={g.id}>
            <button
              className="example"
              disabled={g.id === ed.graphId}
              onClick={async () => {
                if (await openRecent(ed, g, inUse.has(g.id))) close()
              }}
            >
              <strong>{g.doc.meta?.title || 'Untitled pipeline'}</strong>
              <span>
                {g.doc.nodes.length} nodes · saved {when(g.savedAt)}
                {g.id === ed.graphId ? ' · open here' : inUse.has(g.id) ? ' · open in another tab (opens a copy)' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  )
}
