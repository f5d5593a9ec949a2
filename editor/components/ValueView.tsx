import { isFigure, type Figure } from '../../runtime/values/figure'
import type { Metrics, TrainedModel } from '../../runtime/values/ml'
import { LossChart } from './LossChart'
import { formatNumber } from '../lib/format'
import { FigureCanvas } from './FigureCanvas'
import { isPredictionsView, PredictionsTable } from './PredictionsTable'
import { EpisodeReplayFigure } from './EpisodeReplayFigure'
import { GridPolicyFigure } from './GridPolicyFigure'

type MetricsValue = Metrics & Record<string, unknown>

const isMetrics = (v: unknown): v is MetricsValue =>
  !!v && typeof v === 'object' && (v as MetricsValue).kind === 'metrics' && typeof (v as MetricsValue).scalars === 'object'

const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase())

/** A metrics value's matrices and curves, drawn with the same renderer as figure values. */
function metricFigures(m: MetricsValue): Figure[] {
  const base = { kind: 'figure' as const, summary: {}, notes: [] }
  const matrices = Object.entries(m.matrices ?? {}).map(([name, h]) => ({
    ...base,
    chart: 'heatmap' as const,
    title: words(name),
    xLabel: 'Predicted',
    yLabel: 'True',
    series: [],
    heatmap: h,
  }))
  const curves = Object.entries(m.curves ?? {}).map(([name, c]) => ({
    ...base,
    chart: 'line' as const,
    title: words(name),
    xLabel: c.xLabel,
    yLabel: c.yLabel,
    series: [{ name, x: c.x, y: c.y, mode: 'line' as const }],
  }))
  return [...matrices, ...curves]
}

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

const isModel = (v: unknown): v is TrainedModel => !!v && typeof v === 'object' && (v as TrainedModel).kind === 'model'

/** A trained model: its training curve and the facts needed to use it (not its weights). */
function ModelView({ model }: { model: TrainedModel }) {
  const facts: [string, string][] = [
    ['family', model.family],
    ['task', model.task],
    ['features', model.features.join(', ')],
    ...(model.target ? [['target', model.target] as [string, string]] : []),
    ...(model.classes ? [['classes', model.classes.join(', ')] as [string, string]] : []),
    ['preprocessing', model.steps.map((s) => (s as { type?: string }).type ?? '?').join(' → ') || 'none'],
  ]
  return (
    <div className="value-grid">
      <table className="metrics-table" aria-label="Model">
        <tbody>
          {facts.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="wrap">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.history && model.history.length > 1 && <LossChart points={model.history} />}
    </div>
  )
}

/** Any non-table output: a figure as a chart, metrics as a table, the rest as JSON. */
export function ValueView({ value }: { value: unknown }) {
  if (isFigure(value) && value.grid) return <GridPolicyFigure figure={value} />
  if (isFigure(value) && value.replay) return <EpisodeReplayFigure figure={value} />
  if (isFigure(value)) return <FigureCanvas figure={value} />
  if (isModel(value)) return <ModelView model={value} />
  if (isPredictionsView(value)) return <PredictionsTable value={value} />
  if (isMetrics(value)) {
    const figs = [...nestedFigures(value).map(([, f]) => f as Figure), ...metricFigures(value)]
    return (
      <div className="value-grid">
        <MetricsTable value={value} />
        {figs.map((f, i) => (
          <FigureCanvas key={`${f.title}-${i}`} figure={f} height={190} />
        ))}
      </div>
    )
  }
  const text = JSON.stringify(value, null, 2) ?? 'undefined'
  return <pre className="json-view">{text.length > 20_000 ? text.slice(0, 20_000) + '\n…' : text}</pre>
}
