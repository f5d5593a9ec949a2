import { useEffect, useState } from 'react'
import type { RunEntry } from '../../runtime/history/run-entry'
import { browserRunHistory } from '../engine/run-history-db'
import { useEditor } from '../store'
import { Modal } from './Modal'
import { RunComparison } from './RunComparison'
import { num, when } from './run-format'

/** A run's first three metrics, as one line. */
const firstMetrics = (r: RunEntry) =>
  Object.values(r.metrics)
    .flatMap((m) => Object.entries(m))
    .slice(0, 3)
    .map(([k, v]) => `${k} ${num(v)}`)
    .join(' · ')

interface HistoryProps {
  runs: RunEntry[]
  chosen: string[]
  onToggle: (id: string) => void
  onRestore: (run: RunEntry) => void
}

/** One row per run: a compare box, when, what ran, what changed, results, Restore. */
function RunHistoryTable({ runs, chosen, onToggle, onRestore }: HistoryProps) {
  return (
    <table aria-label="Run history">
      <thead>
        <tr>
          <th>Compare</th>
          <th>Time</th>
          <th>Graph</th>
          <th>Nodes</th>
          <th>Changed</th>
          <th>Results</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <input type="checkbox" aria-label={`Compare run at ${when(r)}`} checked={chosen.includes(r.id)} onChange={() => onToggle(r.id)} />
            </td>
            <td title={r.at}>{when(r)}</td>
            <td>{r.title}</td>
            <td>
              {r.ran} ran · {r.cached} cached · {r.ms} ms · {r.backend}
            </td>
            <td>{r.changed.join(', ') || '—'}</td>
            <td>{firstMetrics(r)}</td>
            <td>
              <button onClick={() => onRestore(r)}>Restore</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The run history: every run of this browser, newest first; tick two or more to compare; restore a run's graph. */
export function RunsDialog() {
  const ed = useEditor()
  const [runs, setRuns] = useState<RunEntry[] | undefined>()
  const [chosen, setChosen] = useState<string[]>([])
  useEffect(() => void browserRunHistory.list().then(setRuns), [])
  const close = () => ed.ui.getState().openDialog(null)
  const restore = (r: RunEntry) => {
    ed.graph.getState().load(r.doc, { keepHistory: true })
    ed.ui.getState().requestFit()
    close()
    ed.ui.getState().toast(`Restored the graph of the run at ${when(r)} (Undo brings the current one back).`)
  }
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
  const picked = (runs ?? []).filter((r) => chosen.includes(r.id)).reverse()
  return (
    <Modal title="Runs" onClose={close} wide>
      {!runs ? (
        <p>Reading the run history…</p>
      ) : !runs.length ? (
        <p>No runs yet: every Run is recorded here.</p>
      ) : (
        <RunHistoryTable runs={runs} chosen={chosen} onToggle={toggle} onRestore={restore} />
      )}
      {picked.length >= 2 ? <RunComparison runs={picked} /> : runs?.length ? <p className="muted">Tick two or more runs to compare them.</p> : null}
    </Modal>
  )
}
