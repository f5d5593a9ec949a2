import type { ReactNode } from 'react'
import { paramDiff, type RunEntry } from '../../runtime/history/run-entry'
import { num, when } from './run-format'

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v))

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

/** The selected runs side by side: params that differ, metrics, curves. */
export function RunComparison({ runs }: { runs: RunEntry[] }) {
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

