import type { Figure } from '../../runtime/values/figure'
import type { Metrics } from '../../runtime/values/ml'
import { formatNumber } from '../lib/format'
import { readableName } from '../lib/metric-names'
import { FigureCanvas } from './FigureCanvas'

export type MetricsValue = Metrics & Record<string, unknown>
type Matrix = NonNullable<Metrics['matrices']>[string]

export const isMetrics = (v: unknown): v is MetricsValue =>
  !!v && typeof v === 'object' && (v as MetricsValue).kind === 'metrics' && typeof (v as MetricsValue).scalars === 'object'

const cell = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v))

/** A confusion matrix has the same labels on both axes; any other matrix is a table of named columns. */
const isConfusion = (m: Matrix) =>
  m.rowLabels.length === m.colLabels.length && m.rowLabels.every((l, i) => l === m.colLabels[i])

/** An ROC curve plots true against false positive rate: it gets the chance diagonal. */
const isRoc = (c: NonNullable<Metrics['curves']>[string]) => /false positive rate/i.test(c.xLabel) && /true positive rate/i.test(c.yLabel)

const base = { kind: 'figure' as const, summary: {}, notes: [] }

function confusionFigure(name: string, m: Matrix): Figure {
  return { ...base, chart: 'heatmap', title: readableName(name, 'section'), xLabel: 'Predicted', yLabel: 'True', series: [], heatmap: m }
}

function curveFigure(name: string, c: NonNullable<Metrics['curves']>[string]): Figure {
  const detail = /[:.]/.test(name) ? name.slice(name.search(/[:.]/) + 1) : readableName(name)
  const series: Figure['series'] = [{ name: detail, x: c.x, y: c.y, mode: 'line' }]
  if (isRoc(c)) series.push({ name: 'chance', x: [0, 1], y: [0, 1], mode: 'line', reference: true })
  return { ...base, chart: 'line', title: readableName(name, 'section'), xLabel: c.xLabel, yLabel: c.yLabel, series }
}

function ScalarsTable({ scalars }: { scalars: Metrics['scalars'] }) {
  return (
    <table className="metrics-table" aria-label="Metrics">
      <thead>
        <tr>
          <th>metric</th>
          <th>value</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(scalars).map(([k, v]) => (
          <tr key={k}>
            <th scope="row" title={k}>
              {readableName(k)}
            </th>
            <td>{cell(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Rows × named columns (per-class precision/recall/F1/support, drift per feature), as a table. */
function MatrixTable({ name, m }: { name: string; m: Matrix }) {
  const title = readableName(name, 'section')
  return (
    <section className="matrix-table">
      <h4>{title}</h4>
      <table className="metrics-table" aria-label={title}>
        <thead>
          <tr>
            <th />
            {m.colLabels.map((c) => (
              <th key={c} scope="col" title={c}>
                {readableName(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.rowLabels.map((r, i) => (
            <tr key={`${r}-${i}`}>
              <th scope="row">{r}</th>
              {m.colLabels.map((c, j) => (
                <td key={c}>{cell(m.values[i]?.[j])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** A metrics value: its scalars, its matrices (a heat map for a confusion matrix, a table otherwise) and its curves. */
export function MetricsView({ value, nested }: { value: MetricsValue; nested: Figure[] }) {
  const matrices = Object.entries(value.matrices ?? {})
  const figures = [
    ...nested,
    ...matrices.filter(([, m]) => isConfusion(m)).map(([n, m]) => confusionFigure(n, m)),
    ...Object.entries(value.curves ?? {}).map(([n, c]) => curveFigure(n, c)),
  ]
  return (
    <div className="value-grid">
      <ScalarsTable scalars={value.scalars} />
      {matrices
        .filter(([, m]) => !isConfusion(m))
        .map(([n, m]) => (
          <MatrixTable key={n} name={n} m={m} />
        ))}
      {figures.map((f, i) => (
        <FigureCanvas key={`${f.title}-${i}`} figure={f} height={190} />
      ))}
    </div>
  )
}
