import type { LayerDef } from '../nn/net'
import type { LossChoice } from '../nn/loss'
import { DEFAULT_OPTIMIZER } from '../nn/optimizer'
import { trainNet } from '../nn/train'
import type { FitContext, FitResult } from './family'
import { gradientState, headFor, headLoss, lossChoice, netFor, type GradientState } from './gradient'
import type { TrainingTable } from './training-table'

export interface NetworkSetup {
  /** Hidden layers for this input width; the output layer is added from the task. */
  hidden(inputDim: number): LayerDef[]
  /** The family's own loss when none is wired (hinge for SVMs); default: cross-entropy or MSE. */
  defaultLoss?: LossChoice
  alpha: number
}

/** Trains a gradient family's network with the wired (or default) loss and optimizer. */
export async function fitNetwork(t: TrainingTable, ctx: FitContext, setup: NetworkSetup): Promise<FitResult<GradientState>> {
  const { training } = ctx
  const head = headFor(t.task, t.classes)
  const net = netFor(setup.hidden(t.X.cols), t.X.cols, head)
  const defaults: string[] = []
  const loss = training.loss ? lossChoice(training.loss) : (setup.defaultLoss ?? headLoss(head))
  if (!training.loss) defaults.push(`loss ${loss.name}`)
  const optimizer = training.optimizer ?? DEFAULT_OPTIMIZER
  if (!training.optimizer) defaults.push('optimizer adam (learning rate 0.01)')
  if (defaults.length) {
    const missing = training.loss ? 'optimizer' : training.optimizer ? 'loss' : 'loss or optimizer'
    ctx.log.info(`No ${missing} wired; using the default ${defaults.join(' and ')}.`)
  }
  const val = training.validation
  if (training.patience > 0 && !val) ctx.log.warn('No validation split: early stopping watches the training loss.')
  const result = await trainNet({
    net,
    head,
    loss,
    optimizer,
    alpha: setup.alpha,
    X: t.X.values,
    rows: t.X.rows,
    y: t.y!,
    val: val?.y && { X: val.X, rows: val.rows, y: val.y },
    epochs: training.epochs,
    batchSize: training.batchSize,
    patience: training.patience,
    shuffle: training.shuffle,
    random: ctx.random,
    signal: ctx.signal,
    onEpoch: (r, epochs) => {
      const valText = r.valLoss !== undefined ? ` val ${r.valLoss.toPrecision(3)}` : ''
      ctx.progress(r.epoch / epochs, `epoch ${r.epoch}/${epochs} loss ${r.loss.toPrecision(3)}${valText}`, { ...r })
    },
  })
  const last = result.history[result.bestEpoch - 1]
  const metric = t.task === 'regression' ? 'r2' : 'accuracy'
  return {
    state: gradientState(net, head, result.weights),
    history: result.history,
    summary: {
      epochs: result.history.length,
      bestEpoch: result.bestEpoch,
      loss: last.loss,
      ...(last.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
      [metric]: last.metric,
      ...(last.valMetric !== undefined ? { [t.task === 'regression' ? 'valR2' : 'valAccuracy']: last.valMetric } : {}),
      lossFunction: loss.name,
      optimizer: optimizer.name,
      ...(defaults.length ? { defaults: defaults.join(', ') } : {}),
    },
  }
}
