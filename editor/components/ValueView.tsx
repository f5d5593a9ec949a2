import { isFigure } from '../../runtime/values/figure'
import { formatNumber } from '../lib/format'
import { FigureCanvas } from './FigureCanvas'

interface MetricsValue {
  kind: 'metrics'
  scalars: Record<string, number>
  [k: string]: unknown
}

const isMetrics = (v: unknown): v is MetricsValue =>
  !!v && typeof v === 'object' && (v as MetricsValue).kind === 'metrics' && typeof (v as MetricsValue).scalars === 'object'

function MetricsTable({ value }: { value: MetricsValue }) {
  return (
    <table className="metrics-table" aria-label="Metrics">
      <thead>
        <tr>
          <th>metric</th>
          <th>value</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(value.scalars).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{typeof v === 'number' ? formatNumber(v) : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Figures that travel inside a value (e.g. a metrics value's ROC curve), found one level deep. */
function nestedFigures(value: Record<string, unknown>) {
  return Object.entries(value).filter(([, v]) => isFigure(v))
}

/** Any non-table output: a figure as a chart, metrics as a table, the rest as JSON. */
export function ValueView({ value }: { value: unknown }) {
  if (isFigure(value)) return <FigureCanvas figure={value} />
  if (isMetrics(value)) {
    const figs = nestedFigures(value)
    return (
      <div className="value-grid">
        <MetricsTable value={value} />
        {figs.map(([k, f]) => (isFigure(f) ? <FigureCanvas key={k} figure={f} /> : null))}
      </div>
    )
  }
  const text = JSON.stringify(value, null, 2) ?? 'undefined'
  return <pre className="json-view">{text.length > 20_000 ? text.slice(0, 20_000) + '\n…' : text}</pre>
}
