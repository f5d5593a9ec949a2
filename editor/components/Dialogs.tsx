import { useEffect, useState } from 'react'
import { Modal } from './Modal'
import type { CacheStatsView } from '../../runtime/worker/engine-api'
import { openDocument } from '../engine/open-document'
import { SHORTCUTS } from '../engine/shortcuts'
import { examples } from '../lib/examples'
import { formatBytes } from '../lib/format'
import { useEditor, useUi } from '../store'
import { RunsDialog } from './RunsDialog'
import { RecentDialog } from './RecentDialog'
import { WorkersField } from './WorkersField'
import { RemoteQueueField } from './RemoteQueueField'

const useClose = () => {
  const ed = useEditor()
  return () => ed.ui.getState().openDialog(null)
}
const selectDialog = (s: { dialog: string | null }) => s.dialog
const selectShareUrl = (s: { shareUrl: string }) => s.shareUrl
const selectProblems = (s: import('../store/ui-store').UiState) => s.problems

function ExamplesDialog() {
  const ed = useEditor()
  const close = useClose()
  return (
    <Modal title="Examples" onClose={close} wide>
      {examples.length === 0 && <p className="muted">No examples are bundled with this build.</p>}
      <ul className="examples">
        {examples.map((ex) => (
          <li key={ex.file}>
            <button
              className="example"
              onClick={async () => {
                if (await openDocument(ed, ex.doc, ex.file)) close()
              }}
            >
              <strong>{ex.title}</strong>
              <span>{ex.description}</span>
              <code className="muted">{ex.file}</code>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  )
}

function HelpDialog() {
  const close = useClose()
  return (
    <Modal title="Help and shortcuts" onClose={close}>
      <p>
        Drag nodes from the palette (or double-click them), wire outputs on the right of a node to inputs on the left,
        and press <kbd>Run all</kbd>. Only nodes whose inputs or settings changed run again; the rest come from the
        cache, even after a reload.
      </p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Drop a graph .json on the canvas to open it, or a data file (.csv, .tsv, .xlsx, .parquet, .jsonl, .sqlite) to add a data node reading it.</p>
    </Modal>
  )
}

function CacheDialog() {
  const ed = useEditor()
  const close = useClose()
  const [stats, setStats] = useState<CacheStatsView>()
  const refresh = () => void ed.engine().cacheStats().then(setStats)
  useEffect(refresh, [])
  return (
    <Modal title="Cache and workers" onClose={close}>
      {!stats && <p className="muted">Reading…</p>}
      {stats && (
        <dl className="cache-stats">
          <dt>Stored results</dt>
          <dd data-testid="cache-entries">{stats.entries}</dd>
          <dt>Space used</dt>
          <dd>
            {formatBytes(stats.bytes)} of {formatBytes(stats.capBytes)}
          </dd>
          <dt>In memory</dt>
          <dd>
            {stats.memoryEntries} results, {formatBytes(stats.memoryBytes)}
          </dd>
        </dl>
      )}
      <button
        className="danger"
        onClick={async () => {
          await ed.engine().clearCache()
          refresh()
          ed.ui.getState().toast('Cache cleared: the next run computes every node.')
        }}
      >
        Clear cache
      </button>
      <WorkersField />
      <RemoteQueueField />
    </Modal>
  )
}

function ShareDialog() {
  const close = useClose()
  const url = useUi(selectShareUrl)
  const [copied, setCopied] = useState(false)
  return (
    <Modal title="Share link" onClose={close}>
      <p>Anyone opening this link gets this graph. Uploaded files are not in it: the nodes that read them say which file to provide.</p>
      <div className="share-row">
        <input aria-label="Share link" readOnly value={url} onFocus={(e) => e.target.select()} />
        <button
          onClick={() =>
            navigator.clipboard
              .writeText(url)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted">{url.length.toLocaleString('en-US')} characters.</p>
    </Modal>
  )
}

function ProblemsDialog() {
  const ed = useEditor()
  const problems = useUi(selectProblems)
  if (!problems) return null
  return (
    <Modal title={problems.title} onClose={() => ed.ui.getState().showProblems(null)}>
      <p>Nothing was changed. Fix these problems and try again:</p>
      <ul className="problems" aria-label="Problems">
        {problems.items.map((p, i) => (
          <li key={i}>
            {p.path && <code>{p.path}</code>} {p.message}
          </li>
        ))}
      </ul>
    </Modal>
  )
}

/** The dialog in view, if any. */
export function Dialogs() {
  const dialog = useUi(selectDialog)
  return (
    <>
      {dialog === 'examples' && <ExamplesDialog />}
      {dialog === 'help' && <HelpDialog />}
      {dialog === 'cache' && <CacheDialog />}
      {dialog === 'share' && <ShareDialog />}
      {dialog === 'recent' && <RecentDialog />}
      {dialog === 'runs' && <RunsDialog />}
      <ProblemsDialog />
    </>
  )
}
