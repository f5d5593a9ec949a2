import { useEffect, useState } from 'react'
import { usePreview, type TableView } from '../hooks/usePreview'
import { useResizeHeight } from '../hooks/useResizeHeight'
import { download, fileSlug } from '../engine/commands'
import { toCsv } from '../lib/csv'
import { nodeTitle } from '../lib/node-title'
import { useEditor, useGraph, useRun, useUi, type Editor } from '../store'
import { displayState } from '../store/run-store'
import { currentDoc, selectFocused } from '../store/selectors'
import { BundleView, isBundlePreview } from './BundleView'
import { DataTable, nextSort, type TableSort } from './DataTable'
import { LastRun } from './LastRun'
import { LiveScoreForm } from './LiveScoreForm'
import { LossChart } from './LossChart'
import { RunHint } from './RunHint'
import { ValueView } from './ValueView'

/** Fetches every row of a table output and downloads it as CSV. */
async function downloadTable(ed: Editor, nodeId: string, port: string, split: string | undefined, name: string, sort: TableSort | undefined) {
  const full = await ed.engine().preview(currentDoc(ed), nodeId, port, { rows: Number.MAX_SAFE_INTEGER, ...(split ? { split } : {}), ...(sort ? { sort } : {}) })
  if (full?.kind !== 'dataset') return ed.ui.getState().toast('Run the node again: its result is no longer in the cache.', 'error')
  download(`${fileSlug(name)}${split ? `-${split}` : ''}.csv`, toCsv(full.columns.map((c) => c.name), full.head), 'text/csv')
}

function OutputView({ nodeId, port, stale, name }: { nodeId: string; port: string; stale: boolean; name: string }) {
  const ed = useEditor()
  const [split, setSplit] = useState<string>()
  const [view, setView] = useState<TableView>({})
  const state = usePreview(nodeId, port, split, view)
  if (state.status === 'loading') return <p className="muted">Loading…</p>
  if (state.status === 'failed') return <p className="error-text">Could not load the result: {state.message}</p>
  if (state.status === 'none') {
    return (
      <p className="muted">
        {stale ? 'An edit made this result out of date: run again to see the new one.' : 'No result yet: run the graph to see this output.'}
      </p>
    )
  }
  const p = state.preview
  if (p.kind === 'dataset') {
    return (
      <>
        {p.splits && (
          <div className="tabs small" role="tablist" aria-label="Split">
            {Object.entries(p.splits).map(([name, rows]) => (
              <button
                key={name}
                role="tab"
                aria-selected={p.split === name}
                onClick={() => {
                  setSplit(name)
                  setView({ sort: view.sort })
                }}
              >
                {name} ({rows})
              </button>
            ))}
          </div>
        )}
        <DataTable
          preview={p}
          onDownload={() => void downloadTable(ed, nodeId, port, p.split, name, view.sort)}
          sort={view.sort}
          onSort={(column) => setView({ sort: nextSort(view.sort, column) })}
          onPage={(offset) => setView({ ...view, offset })}
        />
      </>
    )
  }
  const kind = (p.value as { kind?: unknown } | null)?.kind
  return (
    <>
      {isBundlePreview(p.value) && <BundleView nodeId={nodeId} port={port} value={p.value} />}
      {(kind === 'model' || kind === 'bundle') && !stale && <LiveScoreForm nodeId={nodeId} port={port} />}
      {!isBundlePreview(p.value) && <ValueView value={p.value} />}
    </>
  )
}

// The canvas keeps at least 160 px above the panel.
const maxHeight = () => window.innerHeight - 40 - 160

/** Results of the selected node: its outputs (tables, charts, metrics) and live training curves. */
export function ResultsPanel() {
  const node = useGraph(selectFocused)
  const desc = useUi((s) => (node ? s.descriptors.get(node.data.nodeType) : undefined))
  const title = useUi((s) => (node ? nodeTitle(node.data.label, node.data.nodeType, s.descriptors) : ''))
  const run = useRun((s) => (node ? s.runs.get(node.id) : undefined))
  const key = useRun((s) => (node ? s.keys.get(node.id) : undefined))
  const [open, setOpen] = useState(true)
  const { height, onPointerDown } = useResizeHeight(280, 120, maxHeight)
  const ports = Object.keys(desc?.outputs ?? {})
  const [port, setPort] = useState<string>()
  useEffect(() => setPort(undefined), [node?.id])
  const shown = port && ports.includes(port) ? port : ports[0]
  const state = displayState(run, key)
  const curve = run?.curve && run.curve.length > 0 ? run.curve : undefined

  return (
    <section className={`results ${open ? 'open' : 'closed'}`} aria-label="Results" style={open ? { height } : undefined}>
      {open && (
        <div
          className="resize-handle"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize results"
          onPointerDown={onPointerDown}
        />
      )}
      <header>
        <button className="ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? '▾' : '▸'} Results
        </button>
        {node && <span className="muted">{title}</span>}
        {node && ports.length > 1 && (
          <div className="tabs" role="tablist" aria-label="Output">
            {ports.map((p) => (
              <button key={p} role="tab" aria-selected={p === shown} onClick={() => setPort(p)}>
                {desc?.outputs[p]?.label ?? p}
              </button>
            ))}
          </div>
        )}
        {state === 'stale' && <span className="badge badge-stale">stale: run to refresh</span>}
        <LastRun />
      </header>
      {open && (
        <div className="results-body">
          {!node && <RunHint />}
          {node && curve && state === 'running' && <LossChart points={curve} />}
          {node && shown && state !== 'running' && <OutputView key={`${node.id}-${shown}`} nodeId={node.id} port={shown} stale={state === 'stale'} name={title} />}
          {node && state === 'running' && !curve && <p className="muted">Running… {run?.message}</p>}
          {node && ports.length === 0 && <p className="muted">This node has no outputs.</p>}
        </div>
      )}
    </section>
  )
}
