import { isFigure, type Figure } from '../../runtime/values/figure'
import type { ModelSpec, TrainedModel } from '../../runtime/values/ml'
import { formatNumber, nameList } from '../lib/format'
import { LossChart } from './LossChart'
import { FigureCanvas } from './FigureCanvas'
import { isMetrics, MetricsView } from './MetricsView'
import { isPredictionsView, PredictionsTable } from './PredictionsTable'
import { EpisodeReplayFigure } from './EpisodeReplayFigure'
import { GridPolicyFigure } from './GridPolicyFigure'
import { useUi } from '../store'
import type { UiState } from '../store/ui-store'

/** Figures that travel inside a value (e.g. a metrics value's ROC curve), found one level deep. */
function nestedFigures(value: Record<string, unknown>) {
  return Object.entries(value).filter(([, v]) => isFigure(v))
}

const isModel = (v: unknown): v is TrainedModel => !!v && typeof v === 'object' && (v as TrainedModel).kind === 'model'
const isModelSpec = (v: unknown): v is ModelSpec => !!v && typeof v === 'object' && (v as ModelSpec).kind === 'model-spec'

const selectDescriptors = (s: UiState) => s.descriptors

/** A trained model: its training curve and the facts needed to use it (not its weights). */
function ModelView({ model }: { model: TrainedModel }) {
  const descriptors = useUi(selectDescriptors)
  // A fitted step is named by the type id of the node that wrote it: show that node's title.
  const stepTitle = (type: string) => descriptors.get(type)?.title ?? type
  const facts: [string, string][] = [
    ['family', model.family],
    ['task', model.task],
    ['features', `${formatNumber(model.features.length)}: ${nameList(model.features)}`],
    ...(model.target ? [['target', model.target] as [string, string]] : []),
    ...(model.classes ? [['classes', nameList(model.classes, 30)] as [string, string]] : []),
    ['preprocessing', model.steps.map((s) => stepTitle((s as { type?: string }).type ?? '?')).join(' → ') || 'none'],
  ]
  return (
    <div className="value-grid">
      <FactsTable label="Model" facts={facts} />
      {model.history && model.history.length > 1 && <LossChart points={model.history} />}
    </div>
  )
}

function FactsTable({ label, facts }: { label: string; facts: [string, string][] }) {
  return (
    <table className="metrics-table" aria-label={label}>
      <tbody>
        {facts.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="wrap">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A model node's output: what Train will fit, read as settings rather than JSON. */
function ModelSpecView({ spec }: { spec: ModelSpec }) {
  const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))
  return <FactsTable label="Model settings" facts={[['family', spec.family], ['task', spec.task], ...Object.entries(spec.config).map(([k, v]): [string, string] => [k, shown(v)])]} />
}

/** Any non-table output: a figure as a chart, metrics as a table, the rest as JSON. */
export function ValueView({ value }: { value: unknown }) {
  if (isFigure(value) && value.grid) return <GridPolicyFigure figure={value} />
  if (isFigure(value) && value.replay) return <EpisodeReplayFigure figure={value} />
  if (isFigure(value)) return <FigureCanvas figure={value} />
  if (isModel(value)) return <ModelView model={value} />
  if (isModelSpec(value)) return <ModelSpecView spec={value} />
  if (isPredictionsView(value)) return <PredictionsTable value={value} />
  if (isMetrics(value)) return <MetricsView value={value} nested={nestedFigures(value).map(([, f]) => f as Figure)} />
  const text = JSON.stringify(value, null, 2) ?? 'undefined'
  return <pre className="json-view">{text.length > 20_000 ? text.slice(0, 20_000) + '\n…' : text}</pre>
}
