import type { LayerDef } from '../nn/net'
import type { LossChoice } from '../nn/loss'
import { DEFAULT_OPTIMIZER } from '../nn/optimizer'
import { trainNet, type NetTrainResult } from '../nn/train'
import { requireFloat32 } from '../table/magnitude'
import type { FitContext, FitResult, TrainingSettings } from './family'
import { gradientState, headFor, headLoss, lossChoice, netFor, type GradientState } from './gradient'
import { fitScaling, initializer, scaleLoss, scaleX, scaleY, unscaleWeights } from './gradient-scaling'
import type { TrainingTable } from './training-table'
import { holdOut, VALIDATION_FRACTION } from '../table/hold-out'

export interface NetworkSetup {
  /** Hidden layers for this input width; the output layer is added from the task. */
  hidden(inputDim: number): LayerDef[]
  /** The family's own loss when none is wired (hinge for SVMs); default: cross-entropy or MSE. */
  defaultLoss?: LossChoice
  alpha: number
}

/** Early stopping counts an epoch as better only when the watched loss drops by more than this (scikit-learn's MLP tol). */
export const EARLY_STOPPING_TOL = 1e-4

/**
 * Epochs 'auto' follows scikit-learn's SGD and MLP with early_stopping=False: train up to a maximum
 * number of epochs (MLPClassifier's max_iter=200) and stop once the training loss has not dropped by
 * more than tol=1e-4 for n_iter_no_change=10 epochs. A linear model (no hidden layer) may take more
 * epochs, up to LINEAR_MAX_STEPS optimizer steps: Adam at its node default of 0.001 needs ≈ 8000 steps
 * on iris (120 rows, 4 batches an epoch) to reach LogisticRegression's accuracy, where 200 epochs are 800.
 */
const AUTO_MAX_EPOCHS = 200
const CONVERGENCE_EPOCHS_NO_CHANGE = 10
const LINEAR_MAX_STEPS = 10_000

/** The epochs to run and how to stop: explicit epochs as set, 'auto' resolved for this network and table. */
function epochPlan(training: TrainingSettings, rows: number, linear: boolean) {
  if (training.epochs !== 'auto') return { epochs: training.epochs, patience: training.patience, converge: false }
  const batches = Math.ceil(rows / Math.max(1, Math.min(training.batchSize, rows)))
  const epochs = Math.max(AUTO_MAX_EPOCHS, linear ? Math.ceil(LINEAR_MAX_STEPS / batches) : 0)
  // Patience set by the user keeps its meaning (early stopping on validation loss) within the auto maximum.
  if (training.patience > 0) return { epochs, patience: training.patience, converge: false }
  return { epochs, patience: CONVERGENCE_EPOCHS_NO_CHANGE, converge: true }
}

/** The loss and optimizer to train with: the wired ones, else the family's defaults (said in the log). */
function choices(training: TrainingSettings, setup: NetworkSetup, head: ReturnType<typeof headFor>, ctx: FitContext) {
  const defaults: string[] = []
  const loss = training.loss ? lossChoice(training.loss) : (setup.defaultLoss ?? headLoss(head))
  if (!training.loss) defaults.push(`loss ${loss.name}`)
  const optimizer = training.optimizer ?? DEFAULT_OPTIMIZER
  if (!training.optimizer) defaults.push('optimizer adam (learning rate 0.01)')
  if (defaults.length) {
    const missing = training.loss ? 'optimizer' : training.optimizer ? 'loss' : 'loss or optimizer'
    ctx.log.info(`No ${missing} wired; using the default ${defaults.join(' and ')}.`)
  }
  return { loss, optimizer, defaults }
}

/**
 * The rows to train on and to watch: the validation split when there is one; with early stopping
 * on (patience > 0) and no validation split, a held-out 10 % of the training rows, as
 * scikit-learn's MLP with early_stopping=True (validation_fraction=0.1).
 */
interface Rows {
  X: Float64Array
  y: Float64Array
  rows: number
}

function trainingRows(t: TrainingTable, ctx: FitContext, earlyStopping: boolean): Rows & { val?: Rows; heldOut: number } {
  const { training } = ctx
  const all = { X: t.X.values, y: t.y!, rows: t.X.rows }
  const given = training.validation
  if (given?.y) return { ...all, val: { X: given.X, y: given.y, rows: given.rows }, heldOut: 0 }
  if (!earlyStopping) return { ...all, heldOut: 0 }
  const held = holdOut(all.X, all.y, all.rows, t.X.cols, t.task === 'classification', ctx.random)
  if (!held) {
    ctx.log.warn('No validation split and too few rows to hold some out: early stopping watches the training loss.')
    return { ...all, heldOut: 0 }
  }
  ctx.log.info(`No validation split: early stopping holds out ${held.val.rows} training rows (${VALIDATION_FRACTION * 100} %) and watches their loss.`)
  return { ...held.train, val: held.val, heldOut: held.val.rows }
}

/**
 * Trains a gradient family's network with the wired (or default) loss and optimizer, in
 * standardized units (ml/families/gradient-scaling.ts), from an output bias at the base rate.
 */
export async function fitNetwork(t: TrainingTable, ctx: FitContext, setup: NetworkSetup): Promise<FitResult<GradientState>> {
  const { training } = ctx
  const head = headFor(t.task, t.classes)
  const cols = t.X.cols
  const hidden = setup.hidden(cols)
  const net = netFor(hidden, cols, head)
  const { loss, optimizer, defaults } = choices(training, setup, head, ctx)
  requireFloat32(t.X.values, 'training features')
  const plan = epochPlan(training, t.X.rows, hidden.length === 0)
  const data = trainingRows(t, ctx, plan.patience > 0 && !plan.converge)
  const scaling = fitScaling(net, head, data.X, data.rows, data.y)
  const result = await trainNet({
    net,
    head,
    loss: scaleLoss(scaling, loss),
    optimizer,
    alpha: setup.alpha,
    X: scaleX(scaling, data.X, cols),
    rows: data.rows,
    y: scaleY(scaling, data.y),
    val: data.val && { X: scaleX(scaling, data.val.X, cols), rows: data.val.rows, y: scaleY(scaling, data.val.y) },
    epochs: plan.epochs,
    batchSize: training.batchSize,
    patience: plan.patience,
    minDelta: EARLY_STOPPING_TOL,
    watchTrainingLoss: plan.converge,
    initialize: initializer(net, head, data.y),
    shuffle: training.shuffle,
    random: ctx.random,
    signal: ctx.signal,
    resume: training.resume,
    onEpoch: (r, epochs) => {
      const valText = r.valLoss !== undefined ? ` val ${r.valLoss.toPrecision(3)}` : ''
      ctx.progress(r.epoch / epochs, `epoch ${r.epoch}/${epochs} loss ${r.loss.toPrecision(3)}${valText}`, { ...r })
    },
  })
  return {
    state: gradientState(net, head, unscaleWeights(scaling, result.weights)),
    history: result.history,
    checkpoint: result.checkpoint as unknown as Record<string, unknown>,
    resumedEpochs: result.resumedEpochs,
    summary: networkSummary({ t, training, plan, result, loss, optimizer: optimizer.name, scaling, heldOut: data.heldOut, defaults }),
  }
}

interface NetworkFit {
  t: TrainingTable
  training: TrainingSettings
  plan: ReturnType<typeof epochPlan>
  result: NetTrainResult
  loss: LossChoice
  optimizer: string
  scaling: ReturnType<typeof fitScaling>
  heldOut: number
  defaults: string[]
}

/** The fit's summary: epochs, the kept epoch's losses and metrics, and the loss, optimizer, scaling and defaults used. */
function networkSummary({ t, training, plan, result, loss, optimizer, scaling, heldOut, defaults }: NetworkFit) {
  const last = result.history[result.bestEpoch - 1]
  const metric = t.task === 'regression' ? 'r2' : 'accuracy'
  return {
    epochs: result.history.length,
    ...(training.epochs === 'auto' ? { maxEpochs: plan.epochs } : {}),
    ...(plan.converge ? { converged: result.history.length < plan.epochs } : {}),
    bestEpoch: result.bestEpoch,
    loss: last.loss,
    ...(last.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
    [metric]: last.metric,
    ...(last.valMetric !== undefined ? { [t.task === 'regression' ? 'valR2' : 'valAccuracy']: last.valMetric } : {}),
    lossFunction: loss.name,
    optimizer,
    standardized: [scaling.x ? 'features' : '', scaling.y ? 'target (losses are in its standard deviations)' : ''].filter(Boolean).join(', ') || 'none',
    ...(heldOut ? { heldOutRows: heldOut } : {}),
    ...(defaults.length ? { defaults: defaults.join(', ') } : {}),
  }
}
