import type { z } from 'zod'
import type { EpochRecord, LossSpec, OptimizerSpec, Task, TrainedModel } from '../../runtime/values/ml'
import { withLazyProperty, type ParamsShape } from '../../runtime/values/params'
import type { TrainingTable } from './training-table'

/**
 * One model family: everything the canvas, the CLI and a deployed scorer need to fit, score and
 * store one kind of model. Add a family by writing one module that exports a `ModelFamily` and
 * listing it in ml/families/index.ts; the model node, the train and predict dispatch, figures
 * and metrics all come from that list.
 */
export interface ModelFamily<Shape extends ParamsShape = ParamsShape, State = unknown> {
  /** Saved in TrainedModel.family and in graph files (as `model.<id>`); never renamed. */
  id: string
  /** The model node's title; also names the family in messages. */
  title: string
  description: string
  /**
   * What it can learn. Both classification and regression: the model node gets a task picker
   * ('auto' follows the target column). Clustering/embedding families train without a target.
   */
  tasks: readonly Task[]
  /**
   * Bump when fitted results change (it is the model node's version, so cached fits re-run); 1 when
   * absent. From 2 on, saved params load through `migrate` (unchanged params when absent).
   */
  version?: number
  migrate?(params: Record<string, unknown>, fromVersion: number): Record<string, unknown>
  /** Gradient families train in ml/nn with the wired loss and optimizer (FitContext.training). */
  gradient: boolean
  /** Typed hyperparameters with defaults: the model node's form. A random family declares `seed`. */
  config: Shape
  fit(t: TrainingTable, config: ConfigOf<Shape>, ctx: FitContext): Promise<FitResult<State>>
  /** Scores a row-major matrix whose columns are the model's features; synchronous (figure grids). */
  predict(state: State, X: Float64Array, rows: number, model: ModelInfo): MatrixPredictions
  /** Fitted state as plain data (typed arrays allowed) for TrainedModel.state and the value codec. */
  serialize(state: State): Record<string, unknown>
  /** The inverse of `serialize`; checks the shape, since a bundle or cache file is untrusted. */
  deserialize(v: Record<string, unknown>): State
  /** Badge values for config entries that are not plain scalars (the MLP's layer list). */
  summarizeConfig?(config: ConfigOf<Shape>): Record<string, unknown>
  featureImportance?(state: State, features: string[]): Float64Array
  /** A tfjs-layers model (ModelArtifacts) equivalent to the fitted state, for serving. */
  exportTfjs?(state: State): Promise<unknown>
}

/** Any family, with its config and state types erased (the registry's view). */
export type AnyFamily = ModelFamily<any, any>

export type ConfigOf<Shape extends ParamsShape> = z.output<z.ZodObject<Shape>>

export interface FitContext {
  signal: AbortSignal
  progress(fraction: number, message?: string, data?: Record<string, unknown>): void
  /** Seeded from the family's own `seed` config; families without one get the train node's seed. */
  random(): number
  log: { info(message: string): void; warn(message: string): void }
  /** Gradient families only: the wired loss/optimizer and the train node's loop settings. */
  training: TrainingSettings
}

export interface TrainingSettings {
  loss?: LossSpec
  optimizer?: OptimizerSpec
  /** A number: exactly that many epochs (less with patience). 'auto': the family's maximum with a convergence stop (gradient-fit.ts). */
  epochs: number | 'auto'
  batchSize: number
  patience: number
  shuffle: boolean
  /** Encoded validation rows (features in training order), when the data has a validation split. */
  validation?: { X: Float64Array; rows: number; y?: Float64Array }
  /** The checkpoint of a shorter run of this same training (FitResult.checkpoint) to continue from. */
  resume?: unknown
}

export interface FitResult<State> {
  state: State
  summary: Record<string, unknown>
  history?: EpochRecord[]
  /** Gradient families: where training ended, to continue it with more epochs (plain data). */
  checkpoint?: Record<string, unknown>
  /** Epochs taken over from TrainingSettings.resume; absent or 0 when it trained from scratch. */
  resumedEpochs?: number
}

/** What predict knows about the trained model besides its state. */
export type ModelInfo = Pick<TrainedModel, 'task' | 'features' | 'classes'>

export interface MatrixPredictions {
  /** Class index, value or cluster id per row (PCA: the first component). */
  predicted: Float64Array
  /** rows × classes, for classifiers that give probabilities. */
  probabilities?: Float64Array
  /** rows × classes decision scores, for classifiers without probabilities (linear SVM). */
  scores?: Float64Array
  /** Embedding coordinates (PCA projection), rows × names.length. */
  embedding?: { names: string[]; values: Float64Array }
}

/**
 * Declares a family; the config's types flow into fit and summarizeConfig. A config given as a function
 * is built when first read (withLazyProperty).
 */
export function defineFamily<Shape extends ParamsShape, State>(f: ModelFamily<Shape, State>): ModelFamily<Shape, State>
export function defineFamily<Shape extends ParamsShape, State>(
  f: Omit<ModelFamily<Shape, State>, 'config'> & { config: () => Shape },
): ModelFamily<Shape, State>
export function defineFamily<Shape extends ParamsShape, State>(
  f: ModelFamily<Shape, State> | (Omit<ModelFamily<Shape, State>, 'config'> & { config: () => Shape }),
): ModelFamily<Shape, State> {
  const { config } = f
  return (typeof config === 'function' ? withLazyProperty(f, 'config', config) : f) as ModelFamily<Shape, State>
}

/** A saved model or spec names a family this build does not have. */
export class UnknownFamilyError extends Error {
  constructor(readonly family: string) {
    super(`Unknown model family "${family}"; connect a model node from the palette.`)
    this.name = 'UnknownFamilyError'
  }
}

/** A node asked a family for an optional capability it does not have (ModelFamily.featureImportance, exportTfjs). */
export class MissingCapabilityError extends Error {
  constructor(
    readonly family: string,
    readonly capability: 'featureImportance' | 'exportTfjs',
    message: string,
  ) {
    super(message)
    this.name = 'MissingCapabilityError'
  }
}
