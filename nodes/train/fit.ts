import { z } from 'zod'
import { defineNode, type NodeContext, type NodeDefinition } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { seededRandom } from '../../runtime/exec/rng'
import { isSplits } from '../../runtime/values/dataset'
import type { LossSpec, ModelSpec, OptimizerSpec, TrainedModel } from '../../runtime/values/ml'
import type { AnyFamily, FitContext, TrainingSettings } from '../../ml/families/family'
import { DEFAULT_FAMILIES, getFamily, type FamilyLookup } from '../../ml/families'
import { encodeActual, matrixFor, trainingTable } from '../../ml/families/training-table'
import { TRAIN_NODE_SEED } from '../../ml/families/config'
import { requireData } from '../../ml/table/table'

/** Epochs 0 means 'auto' (TrainingSettings.epochs; resolved per network in ml/families/gradient-fit.ts). */
const AUTO_EPOCHS = 0
/** Version 3's default, written into documents saved before 'auto' so they keep their numbers. */
const V3_DEFAULT_EPOCHS = 50

const trainParams = {
  epochs: p.int({
    default: AUTO_EPOCHS,
    min: 0,
    max: 100_000,
    title: 'Epochs',
    description:
      'Passes over the training rows (gradient models). 0 = auto: up to 200 (a linear model: up to 10 000 optimizer steps) ' +
      'and stop once the training loss has not dropped by 1e-4 for 10 epochs, as scikit-learn. Raising a set number continues the cached run.',
  }),
  batchSize: p.int({ default: 32, min: 1, max: 1_000_000, title: 'Batch size' }),
  patience: p.int({
    default: 0,
    min: 0,
    max: 10_000,
    title: 'Early-stopping patience',
    description: 'Stop after this many epochs without a lower validation loss and keep the best weights; 0 = off.',
  }),
  shuffle: p.bool({ default: true, title: 'Shuffle each epoch' }),
  seed: seedParam('Seeds the fit of models without a seed of their own (linear and logistic regression trained by gradient), and of networks whose seed is −1.'),
}

function requireSpec(v: unknown): ModelSpec {
  if (v && typeof v === 'object' && (v as ModelSpec).kind === 'model-spec') return v as ModelSpec
  throw new Error('Input "model" needs a model specification; connect a model node (e.g. Logistic regression).')
}

/** The spec's config checked against the family's schema (defaults filled in). */
function familyConfig(family: AnyFamily, spec: ModelSpec): Record<string, unknown> {
  const parsed = z.object(family.config).safeParse(spec.config)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(`${family.title} setting "${issue.path.join('.')}" is invalid: ${issue.message}`)
}

/**
 * The family's own `seed` config seeds its fit (docs/architecture.md, "Randomness"); families without
 * one (linear models trained by gradient), and networks whose seed is −1 (saved before they had one),
 * follow this node's seed.
 */
function fitRandom(config: Record<string, unknown>, trainSeed: number): () => number {
  return seededRandom(typeof config.seed === 'number' && config.seed !== TRAIN_NODE_SEED ? config.seed : trainSeed)
}

/** The Train node, dispatching to the families in `families` (tests add their own). */
export function trainNodeFor(families: FamilyLookup): NodeDefinition<typeof trainParams> {
  return defineNode({
    type: 'train.fit',
    // 3: each epoch shuffles with its own seeded stream (continued training equals training from scratch).
    // 4: epochs default to 0 = auto (a maximum with a convergence stop); older saves get their 50 written in.
    version: 4,
    migrate: (params, fromVersion) => (fromVersion < 4 && !Object.hasOwn(params, 'epochs') ? { ...params, epochs: V3_DEFAULT_EPOCHS } : params),
    category: 'train',
    tensors: true,
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
    params: trainParams,
    continueOn: ['epochs'],
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
      const family = getFamily(spec.family, families)
      const offered = family.gradient && params.epochs !== AUTO_EPOCHS ? await ctx.previous?.() : undefined
      // An 'auto' run stopped by its own rule (convergence): setting a number of epochs after it trains from scratch.
      const previous = offered && offered.params.epochs !== AUTO_EPOCHS ? offered : undefined
      const earlier = previous?.outputs.model as TrainedModel | undefined
      const { model, resumed } = await fitFamily(family, spec, inputs, params, ctx, earlier?.checkpoint)
      if (previous && resumed > 0) previous.used(`epoch ${resumed}`)
      return { model }
    },
  })
}

async function fitFamily(
  family: AnyFamily,
  spec: ModelSpec,
  inputs: Record<string, unknown>,
  params: z.output<z.ZodObject<typeof trainParams>>,
  ctx: NodeContext,
  resume?: unknown,
): Promise<{ model: TrainedModel; resumed: number }> {
  const data = requireData(inputs.data)
  const train = isSplits(data) ? data.train : data
  const loss = inputs.loss as LossSpec | undefined
  const optimizer = inputs.optimizer as OptimizerSpec | undefined
  if (!family.gradient && loss) throw new Error(`${family.title} does not use a loss function; remove the loss wire.`)
  if (!family.gradient && optimizer) throw new Error(`${family.title} does not use an optimizer; remove the optimizer wire.`)
  const config = familyConfig(family, spec)
  const t = trainingTable(train, spec.task, family.tasks)
  const validation = isSplits(data) && data.validation
  const training: TrainingSettings = {
    ...(loss ? { loss } : {}),
    ...(optimizer ? { optimizer } : {}),
    epochs: params.epochs === AUTO_EPOCHS ? 'auto' : params.epochs,
    batchSize: params.batchSize,
    patience: params.patience,
    shuffle: params.shuffle,
    ...(resume ? { resume } : {}),
    ...(validation ? { validation: validationRows(validation, t.X.names, t.classes) } : {}),
  }
  const fitCtx: FitContext = { signal: ctx.signal, progress: ctx.progress, random: fitRandom(config, params.seed), log: ctx.log, training }
  if (!family.gradient) ctx.progress(0, `fitting ${family.title.toLowerCase()}`)
  const fitted = await family.fit(t, config, fitCtx)
  if (!family.gradient) ctx.progress(1, 'done')
  const model: TrainedModel = {
    kind: 'model',
    family: family.id,
    task: t.task,
    features: t.X.names,
    ...(t.target ? { target: t.target } : {}),
    ...(t.classes ? { classes: t.classes } : {}),
    steps: train.steps,
    state: family.serialize(fitted.state),
    ...(fitted.history ? { history: fitted.history } : {}),
    summary: { family: family.id, task: t.task, ...(family.gradient ? {} : { rows: t.X.rows }), ...fitted.summary },
    ...(fitted.checkpoint ? { checkpoint: fitted.checkpoint } : {}),
  }
  return { model, resumed: fitted.resumedEpochs ?? 0 }
}

function validationRows(d: Parameters<typeof matrixFor>[0], names: string[], classes?: string[]): TrainingSettings['validation'] {
  const X = matrixFor(d, names)
  const y = encodeActual(d, classes)
  return { X: X.values, rows: X.rows, ...(y ? { y } : {}) }
}

export const fitNode = trainNodeFor(DEFAULT_FAMILIES)
