import { useEffect, useState, type ReactNode } from 'react'
import { paramDiff, type RunEntry } from '../../runtime/history/run-entry'
import { browserRunHistory } from '../engine/run-history-db'
import { useEditor } from '../store'
import { Modal } from './Modal'

const num = (v: number | undefined) => (v === undefined ? '—' : Number(v.toPrecision(4)).toString())
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v))
const when = (r: RunEntry) => new Date(r.at).toLocaleTimeString()

/** Params that differ between any two of the runs: node.param → value per run. */
function differing(runs: RunEntry[]): string[] {
  const names = new Set<string>()
  for (let i = 1; i < runs.length; i++) for (const d of paramDiff(runs[0].params, runs[i].params)) names.add(`${d.node}.${d.param}`)
  return [...names].sort()
}

function valueAt(run: RunEntry, dotted: string, part: 'params' | 'metrics'): unknown {
  const at = dotted.indexOf('.')
  const node = dotted.slice(0, at)
  const name = dotted.slice(at + 1)
  const record = run[part] as Record<string, Record<string, unknown>>
  const values = Object.hasOwn(record, node) ? record[node] : {}
  return Object.hasOwn(values, name) ? values[name] : undefined
}

const COLORS = ['#3b6fe0', '#e0573b', '#2a9d5b', '#a44be0', '#d4a017']

/** Every run's curves drawn over each other, one colour per run. */
function Curves({ runs }: { runs: RunEntry[] }) {
  const series = runs.flatMap((r, i) => Object.values(r.curves).flatMap((c) => Object.values(c).map((points) => ({ points, color: COLORS[i % COLORS.length] }))))
  if (!series.length) return <p className="muted">These runs recorded no curves.</p>
  let max = -Infinity
  let min = Infinity
  let len = 1
  for (const s of series) {
    len = Math.max(len, s.points.length)
    for (const p of s.points) {
      max = Math.max(max, p)
      min = Math.min(min, p)
    }
  }
  const y = (v: number) => 110 - ((v - min) / (max - min || 1)) * 100
  return (
    <svg role="img" aria-label="Loss curves of the selected runs" viewBox="0 0 300 120" width="100%" height="140">
      {series.map((s, i) => (
        <polyline key={i} fill="none" stroke={s.color} strokeWidth={1.5} points={s.points.map((p, j) => `${(j / Math.max(1, len - 1)) * 300},${y(p)}`).join(' ')} />
      ))}
    </svg>
  )
}

interface RunsTableProps {
  label: string
  head: ReactNode
  rows: string[]
  runs: RunEntry[]
  cell: (run: RunEntry, row: string) => string
}

/** One row per name (node.param or node.metric), one column per run. */
function RunsTable({ label, head, rows, runs, cell }: RunsTableProps) {
  return (
    <table aria-label={label}>
      <thead>{head}</thead>
      <tbody>
        {rows.map((name) => (
          <tr key={name}>
            <th>{name}</th>
            {runs.map((r) => (
              <td key={r.id}>{cell(r, name)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Compare({ runs }: { runs: RunEntry[] }) {
  const params = differing(runs)
  const metrics = [...new Set(runs.flatMap((r) => Object.entries(r.metrics).flatMap(([node, m]) => Object.keys(m).map((k) => `${node}.${k}`))))].sort()
  const head = (
    <tr>
      <th />
      {runs.map((r, i) => (
        <th key={r.id} style={{ color: COLORS[i % COLORS.length] }}>
          {when(r)}
        </th>
      ))}
    </tr>
  )
  return (
    <section aria-label="Run comparison">
      <h3>Params that differ</h3>
      {params.length ? (
        <RunsTable label="Params that differ" head={head} rows={params} runs={runs} cell={(r, p) => show(valueAt(r, p, 'params'))} />
      ) : (
        <p className="muted">Same params in every selected run.</p>
      )}
      <h3>Metrics</h3>
      <RunsTable label="Metrics of the selected runs" head={head} rows={metrics} runs={runs} cell={(r, m) => num(valueAt(r, m, 'metrics') as number | undefined)} />
      <h3>Curves</h3>
      <Curves runs={runs} />
    </section>
  )
}

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
      {picked.length >= 2 ? <Compare runs={picked} /> : runs?.length ? <p className="muted">Tick two or more runs to compare them.</p> : null}
    </Modal>
  )
}
