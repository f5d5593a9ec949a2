import { defineNode, type NodeContext } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isSplits, type Dataset } from '../../runtime/values/dataset'
import type { LossSpec, ModelSpec, OptimizerSpec, TrainedModel } from '../../runtime/values/ml'
import { FAMILY_TITLES, fitClassical } from '../../ml/families/classical'
import { encodeActual, matrixFor, trainingTable, type TrainingTable } from '../../ml/families/training-table'
import { defaultLoss, gradientState, headFor, lossChoice, netFor } from '../../ml/families/gradient'
import { requireData } from '../../ml/table/table'
import { DEFAULT_OPTIMIZER } from '../../ml/nn/optimizer'
import { trainNet } from '../../ml/nn/train'
import { seededRandom } from '../../runtime/exec/rng'

const params = {
  epochs: p.int({ default: 50, min: 1, max: 100_000, title: 'Epochs', description: 'Passes over the training rows (gradient models).' }),
  batchSize: p.int({ default: 32, min: 1, max: 1_000_000, title: 'Batch size' }),
  patience: p.int({
    default: 0,
    min: 0,
    max: 10_000,
    title: 'Early-stopping patience',
    description: 'Stop after this many epochs without a lower validation loss and keep the best weights; 0 = off.',
  }),
  shuffle: p.bool({ default: true, title: 'Shuffle each epoch' }),
  seed: seedParam(),
}

function requireSpec(v: unknown): ModelSpec {
  if (v && typeof v === 'object' && (v as ModelSpec).kind === 'model-spec') return v as ModelSpec
  throw new Error('Input "model" needs a model specification; connect a model node (e.g. Logistic regression).')
}

export const fitNode = defineNode({
  type: 'train.fit',
  version: 2,
  category: 'train',
  title: 'Train',
  description:
    'Fits a model on the training rows (the train split, or the whole table). Gradient models use the wired loss ' +
    'and optimizer, or cross-entropy/MSE with Adam (learning rate 0.01) when none is wired, and report loss and ' +
    'accuracy (R² for regression) per epoch, on the validation split too when there is one.',
  inputs: {
    model: port.modelSpec(),
    data: port.datasetOrSplits(),
    loss: port.loss({ optional: true }),
    optimizer: port.optimizer({ optional: true }),
  },
  outputs: { model: port.model() },
  params,
  check(_params, connected) {
    const model = connected.model
    if (!model || model.traits.includes('gradient')) return []
    return (['loss', 'optimizer'] as const)
      .filter((input) => connected[input])
      .map((input) => {
        const what = input === 'loss' ? 'a loss function' : 'an optimizer'
        return `${model.title} is not trained by gradient descent and does not use ${what}; remove the ${input} wire.`
      })
  },
  async run(inputs, params, ctx) {
    const spec = requireSpec(inputs.model)
    const data = requireData(inputs.data)
    const train = isSplits(data) ? data.train : data
    const validation = isSplits(data) ? data.validation : undefined
    const loss = inputs.loss as LossSpec | undefined
    const optimizer = inputs.optimizer as OptimizerSpec | undefined
    const title = FAMILY_TITLES[spec.family] ?? spec.family
    if (!spec.gradient && loss) throw new Error(`${title} does not use a loss function; remove the loss wire.`)
    if (!spec.gradient && optimizer) throw new Error(`${title} does not use an optimizer; remove the optimizer wire.`)
    const t = trainingTable(spec, train)
    const base = {
      kind: 'model' as const,
      family: spec.family,
      task: t.task,
      features: t.X.names,
      ...(t.target ? { target: t.target } : {}),
      ...(t.classes ? { classes: t.classes } : {}),
      steps: train.steps,
    }
    if (!spec.gradient) {
      ctx.progress(0, `fitting ${title.toLowerCase()}`)
      const { state, summary } = fitClassical(spec, t, seededRandom(params.seed), (done, total) => {
        if (ctx.signal.aborted) throw new Error('Training was cancelled.')
        ctx.progress(done / total, `tree ${done + 1}/${total}`)
      })
      ctx.progress(1, 'done')
      return { model: { ...base, state, summary: { family: spec.family, task: t.task, rows: t.X.rows, ...summary } } satisfies TrainedModel }
    }
    return { model: await fitGradient(spec, t, validation, { loss, optimizer }, params, ctx, base) }
  },
})

async function fitGradient(
  spec: ModelSpec,
  t: TrainingTable,
  validation: Dataset | undefined,
  wired: { loss?: LossSpec; optimizer?: OptimizerSpec },
  params: { epochs: number; batchSize: number; patience: number; shuffle: boolean; seed: number },
  ctx: NodeContext,
  base: Omit<TrainedModel, 'state'>,
): Promise<TrainedModel> {
  const head = headFor(t.task, t.classes)
  const net = netFor(spec, t.X.cols, head)
  const defaults: string[] = []
  const loss = wired.loss ? lossChoice(wired.loss) : defaultLoss(spec, head)
  if (!wired.loss) defaults.push(`loss ${loss.name}`)
  const optimizer = wired.optimizer ?? DEFAULT_OPTIMIZER
  if (!wired.optimizer) defaults.push('optimizer adam (learning rate 0.01)')
  if (defaults.length) ctx.log.info(`No ${wired.loss ? 'optimizer' : wired.optimizer ? 'loss' : 'loss or optimizer'} wired; using the default ${defaults.join(' and ')}.`)
  const val = validation && { X: matrixFor(validation, t.X.names), y: encodeActual(validation, t.classes) }
  if (params.patience > 0 && !val) ctx.log.warn('No validation split: early stopping watches the training loss.')
  const result = await trainNet({
    net,
    head,
    loss,
    optimizer,
    alpha: (spec.config.alpha as number | undefined) ?? 0,
    X: t.X.values,
    rows: t.X.rows,
    y: t.y!,
    val: val?.y && { X: val.X.values, rows: val.X.rows, y: val.y },
    epochs: params.epochs,
    batchSize: params.batchSize,
    patience: params.patience,
    shuffle: params.shuffle,
    random: seededRandom(params.seed),
    signal: ctx.signal,
    onEpoch: (r, epochs) => {
      const valText = r.valLoss !== undefined ? ` val ${r.valLoss.toPrecision(3)}` : ''
      ctx.progress(r.epoch / epochs, `epoch ${r.epoch}/${epochs} loss ${r.loss.toPrecision(3)}${valText}`, { ...r })
    },
  })
  const last = result.history[result.bestEpoch - 1]
  return {
    ...base,
    state: gradientState(net, head, result.weights) as unknown as Record<string, unknown>,
    history: result.history,
    summary: {
      family: spec.family,
      task: t.task,
      epochs: result.history.length,
      bestEpoch: result.bestEpoch,
      loss: last.loss,
      ...(last.valLoss !== undefined ? { valLoss: last.valLoss } : {}),
      [t.task === 'regression' ? 'r2' : 'accuracy']: last.metric,
      ...(last.valMetric !== undefined ? { [t.task === 'regression' ? 'valR2' : 'valAccuracy']: last.valMetric } : {}),
      lossFunction: loss.name,
      optimizer: optimizer.name,
      ...(defaults.length ? { defaults: defaults.join(', ') } : {}),
    },
  }
}
