import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Series } from '../../runtime/values/figure'
import type { EpochRecord, TrainedModel } from '../../runtime/values/ml'
import { figure, round } from './display'

/** Train and validation loss (or metric) per epoch of a gradient-trained model. */
export const lossCurveFigureNode = defineNode({
  type: 'figure.loss-curve',
  version: 1,
  category: 'figure',
  title: 'Loss curve',
  description:
    'Plots the training loss per epoch and, when the model was trained with a validation split, the validation loss; or ' +
    'the same for the metric the trainer records (accuracy for classifiers, R² for regression). A validation curve that ' +
    'turns up while the training curve keeps falling is overfitting. A model solved exactly (no loss or optimizer wired) shows ' +
    'its solver\'s objective per iteration instead (L-BFGS, coordinate descent), or one point for a direct solve (QR, Cholesky).',
  inputs: { model: { types: ['model'] } },
  outputs: { figure: { types: ['figure'] } },
  params: () => ({
    show: p.select(['loss', 'metric'], { default: 'loss', title: 'Show', description: 'The loss, or the score the trainer records.' }),
  }),
  run({ model }, params) {
    const m = model as TrainedModel | undefined
    if (!m || m.kind !== 'model') throw new Error('Input "model" needs a trained model; connect a Train node.')
    const history = m.history ?? []
    if (history.length === 0) {
      throw new Error(`This ${m.family} model has no training history; loss curves exist only for models fitted by iterations or epochs.`)
    }
    const solver = typeof m.summary?.solver === 'string' ? m.summary.solver : undefined
    const metricName = m.task === 'regression' ? 'R²' : 'Accuracy'
    const [train, val]: (keyof EpochRecord)[] = params.show === 'loss' ? ['loss', 'valLoss'] : ['metric', 'valMetric']
    const line = (name: string, key: keyof EpochRecord): Series | undefined => {
      const rows = history.filter((r) => typeof r[key] === 'number')
      const mode = rows.length === 1 ? 'points' : 'line'
      return rows.length ? { name, mode, x: rows.map((r) => r.epoch), y: rows.map((r) => r[key] as number) } : undefined
    }
    const label = params.show === 'loss' ? 'Loss' : metricName
    const series = [line(`train ${label.toLowerCase()}`, train), line(`validation ${label.toLowerCase()}`, val)].filter(
      (s): s is Series => s !== undefined,
    )
    if (series.length === 0) throw new Error(`This model's history records no ${label.toLowerCase()}; show the loss instead.`)
    const last = history[history.length - 1]
    const summary: Record<string, string | number> = { chart: 'loss curve', [solver ? 'iterations' : 'epochs']: history.length }
    const finalKey = (key: string) => `final${key[0].toUpperCase()}${key.slice(1)}`
    for (const key of [train, val]) if (typeof last[key] === 'number') summary[finalKey(key)] = round(last[key] as number)
    if (solver) summary.solver = solver
    const notes = solver ? [solverNote(solver, history.length)] : []
    const title = solver ? `${label} per ${solver} iteration` : `${label} per epoch`
    return {
      figure: figure({ chart: 'line', title, xLabel: solver ? 'Solver iteration' : 'Epoch', yLabel: label, series, summary, notes }),
    }
  },
})

/** What a solver's history is, since it is not a history of epochs. */
function solverNote(solver: string, points: number): string {
  if (points === 1) return `Solved exactly (${solver}): no epochs; the point is the training objective at the solution.`
  return `Fitted by ${solver} (no loss or optimizer wired): the training objective after each solver iteration, not epochs.`
}
