import { useRef } from 'react'
import { BACKENDS } from '../../runtime/backend/choose-backend'
import { autoLayout, newGraph, openFile, saveFile, shareLink } from '../engine/commands'
import { groupSelected } from '../engine/group-actions'
import { cancelRun, runGraph } from '../engine/run-actions'
import { useEditor, useGraph, useHistory, useRun, useUi } from '../store'
import { selectCanRedo, selectCanUndo, selectCanUngroup, selectHasSelection, selectTitle } from '../store/selectors'

function BackendPicker() {
  const backend = useUi((s) => s.backend)
  const forced = new URLSearchParams(location.search).get('backend') ?? ''
  const choose = (value: string) => {
    const url = new URL(location.href)
    if (value) url.searchParams.set('backend', value)
    else url.searchParams.delete('backend')
    location.assign(url.toString())
  }
  return (
    <label className="backend" title="The TensorFlow.js backend running the models">
      <span className="backend-dot" aria-hidden />
      <strong data-testid="backend">{backend}</strong>
      <select aria-label="Force a backend" value={forced} onChange={(e) => choose(e.target.value)}>
        <option value="">auto</option>
        {BACKENDS.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  )
}

/** New, Open, Save, Share, Examples, Recent. */
function FileCommands() {
  const ed = useEditor()
  const fileInput = useRef<HTMLInputElement>(null)
  const ready = useUi((s) => s.engine === 'ready')
  const open = ed.ui.getState().openDialog
  return (
    <div className="group">
      <button onClick={() => void newGraph(ed)} disabled={!ready} title="A new empty graph (Undo brings the old one back; it also stays in Recent)">New</button>
      <button onClick={() => fileInput.current?.click()} disabled={!ready}>Open…</button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Open graph file"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) void openFile(ed, f)
        }}
      />
      <button onClick={() => saveFile(ed)}>Save</button>
      <button onClick={() => void shareLink(ed)} title="Copy a link that opens this graph">Share</button>
      <button onClick={() => open('examples')} disabled={!ready}>Examples</button>
      <button onClick={() => open('recent')} disabled={!ready}>Recent</button>
    </div>
  )
}

/** Undo, redo, auto-layout, group and ungroup. */
function EditCommands() {
  const ed = useEditor()
  const hasSelection = useGraph(selectHasSelection)
  const canUngroup = useGraph(selectCanUngroup)
  const canUndo = useHistory(selectCanUndo)
  const canRedo = useHistory(selectCanRedo)
  const g = ed.graph.getState()
  return (
    <div className="group">
      <button onClick={() => g.undo()} disabled={!canUndo} title="Undo (Ctrl/⌘+Z)" aria-label="Undo">↶</button>
      <button onClick={() => g.redo()} disabled={!canRedo} title="Redo (Shift+Ctrl/⌘+Z)" aria-label="Redo">↷</button>
      <button onClick={() => void autoLayout(ed)} aria-label="Auto-layout" title="Lay the graph out from left to right">
        Layout
      </button>
      <button onClick={() => groupSelected(ed)} disabled={!hasSelection} title="Put the selected nodes into one group (Ctrl/⌘+G)">
        Group
      </button>
      <button onClick={() => g.ungroupSelected()} disabled={!canUngroup} title="Put the selected group's nodes back (Shift+Ctrl/⌘+G)">
        Ungroup
      </button>
    </div>
  )
}

/** Run all, run to selected, re-run, cancel. */
function RunCommands() {
  const ed = useEditor()
  const running = useRun((s) => s.running)
  const hasSelection = useGraph(selectHasSelection)
  const ready = useUi((s) => s.engine === 'ready')
  return (
    <div className="group">
      <button className="primary" onClick={() => void runGraph(ed, 'all')} disabled={!ready || running} title="Ctrl/⌘+Enter">
        ▶ Run all
      </button>
      <button onClick={() => void runGraph(ed, 'to-selected')} disabled={!ready || running || !hasSelection}>
        Run to selected
      </button>
      {/* The visible word is part of the name (WCAG label in name); the toolbar fits 1280 px with it. */}
      <button onClick={() => void runGraph(ed, 'rerun-selected')} disabled={!ready || running || !hasSelection} aria-label="Re-run selected" title="Run the selected nodes again even if cached">
        Re-run
      </button>
      <button onClick={() => void cancelRun(ed)} disabled={!running}>Cancel</button>
    </div>
  )
}

/** The top bar: file commands, history, run commands, layout, backend, panels. */
export function Toolbar() {
  const ed = useEditor()
  const title = useGraph(selectTitle)
  const open = ed.ui.getState().openDialog
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <span className="brand" title="mlcanvas" aria-hidden>
        ◆
      </span>
      <input className="doc-title" aria-label="Graph title" value={title} onChange={(e) => ed.graph.getState().setTitle(e.target.value)} />
      <FileCommands />
      <EditCommands />
      <RunCommands />
      <div className="spacer" />
      <BackendPicker />
      <button onClick={() => open('runs')} title="Every run of this browser: compare, restore">Runs</button>
      <button onClick={() => open('cache')}>Cache</button>
      <button onClick={() => open('help')} aria-label="Help and shortcuts" title="Help and shortcuts (?)">?</button>
    </header>
  )
}
