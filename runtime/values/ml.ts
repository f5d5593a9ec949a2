import type { FittedStep } from './dataset'

/** Value types that flow between model, train, predict and metric nodes. */

export type Task = 'classification' | 'regression' | 'clustering' | 'embedding'

/** An untrained model: which algorithm and its hyperparameters. */
export interface ModelSpec {
  kind: 'model-spec'
  /** Algorithm id, e.g. 'mlp', 'logistic-regression', 'random-forest', 'kmeans'. */
  family: string
  /** 'auto' lets the train node pick from the target column (ml/table/task.ts: `inferTask`). */
  task: Task | 'auto'
  config: Record<string, unknown>
  /** True for models trained by gradient descent with a loss and an optimizer. */
  gradient: boolean
}

export interface LossSpec {
  kind: 'loss'
  name: 'mse' | 'mae' | 'huber' | 'binary-crossentropy' | 'categorical-crossentropy' | 'hinge'
  config: Record<string, unknown>
}

export interface OptimizerSpec {
  kind: 'optimizer'
  name: 'sgd' | 'adam' | 'rmsprop' | 'adagrad'
  config: Record<string, unknown>
}

export interface EpochRecord {
  epoch: number
  loss: number
  valLoss?: number
  metric?: number
  valMetric?: number
}

/** A trained model with everything needed to score raw rows again. */
export interface TrainedModel {
  kind: 'model'
  family: string
  task: Task
  /** Feature column names the model reads, in order. */
  features: string[]
  target?: string
  /** Class names for classifiers, in output order. */
  classes?: string[]
  /** Fitted preprocessing that produced the training table (applied to raw rows before scoring). */
  steps: FittedStep[]
  /** Family-specific state: tfjs weights as typed arrays, or a classical model's JSON. */
  state: Record<string, unknown>
  history?: EpochRecord[]
  summary?: Record<string, unknown>
  /**
   * Gradient models: the training state after the last epoch (weights, optimizer state), so that
   * raising the Train node's epochs continues instead of retraining. Cached, never exported.
   */
  checkpoint?: Record<string, unknown>
}

/** Model outputs for a table (one split, or the test split of `splits`). */
export interface Predictions {
  kind: 'predictions'
  task: Task
  rows: number
  classes?: string[]
  /** Class index (classification), value (regression) or cluster id (clustering). */
  predicted: Float64Array
  /** rows × classes, row-major, for classifiers that give probabilities. */
  probabilities?: Float64Array
  /**
   * rows × classes decision scores of classifiers without probabilities (linear SVM; for two
   * classes the columns are −s and s). ROC curves rank rows by them, as scikit-learn's
   * roc_auc_score does with decision_function; log loss needs probabilities.
   */
  scores?: Float64Array
  /** True class index or value; absent when the table has no target. */
  actual?: Float64Array
  /** Feature matrix the predictions were made from (rows × features), for plots. */
  features?: { names: string[]; values: Float64Array }
  /** Which split the rows came from when fed `splits`. */
  split?: 'train' | 'validation' | 'test' | 'all'
  /** The scored rows' ID columns (role `id`), as text: which row each prediction is about. */
  ids?: { name: string; values: string[] }[]
}

/** Named scalars plus optional matrices and curves (confusion matrix, ROC). */
export interface Metrics {
  kind: 'metrics'
  scalars: Record<string, number>
  matrices?: Record<string, { rowLabels: string[]; colLabels: string[]; values: number[][] }>
  curves?: Record<string, { x: number[]; y: number[]; xLabel: string; yLabel: string }>
}
