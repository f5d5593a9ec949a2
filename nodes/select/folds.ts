import type { NodeContext } from '../../runtime/node-api/define-node'
import type { SubgraphHost } from '../../runtime/node-api/subgraph'
import { isSplits, type Dataset, type Splits } from '../../runtime/values/dataset'
import type { Metrics } from '../../runtime/values/ml'
import { seededRandom } from '../../runtime/values/random'
import { makeFolds, type Fold } from '../../ml/select/folds'
import { subsetRows, targetColumn } from '../../ml/table/table'
import { classLabels } from '../transform/split'

/** How a model-selection node splits its training rows into folds (its params, as the cache tag needs them). */
export interface FoldParams {
  folds: number
  stratify: boolean
  shuffle: boolean
  repeats: number
  seed: number
}

/** One fold as a nested run's replacement for the split: its rows on `train` and `test`, and the tag that keys it. */
export interface FoldInput {
  fold: Fold
  value: Splits
  tag: Record<string, unknown>
}

/** The nested-run capability, or a clear message where the host has none. */
export function subgraphOf(ctx: NodeContext, title: string): SubgraphHost {
  if (!ctx.subgraph) throw new Error(`${title} re-runs the pipeline upstream of it, which this host cannot do.`)
  return ctx.subgraph
}

/** The rows a selection node works on: the training rows of the split it is wired to. */
export function trainingRows(data: unknown, title: string): Splits {
  if (!isSplits(data)) throw new Error(`${title} takes the output of a Train / test split node on its Data input (the rows the pipeline trains on).`)
  return data
}

/**
 * The folds of the training rows, each as the splits a pipeline expects: the fold's training
 * rows on `train`, its held-out rows on `test`. Transforms downstream fit on `train` only, so
 * nothing of a fold's held-out rows reaches what is fitted.
 */
export function foldInputs(rows: Dataset, params: FoldParams): FoldInput[] {
  const labels = params.stratify ? classLabels(targetColumn(rows)) : undefined
  const folds = makeFolds(rows.rows, { k: params.folds, labels, shuffle: params.shuffle, repeats: params.repeats }, seededRandom(params.seed))
  return folds.map((fold) => ({
    fold,
    value: { kind: 'splits', train: subsetRows(rows, fold.train), test: subsetRows(rows, fold.test) },
    // Everything the fold's rows depend on besides the split's own key (total repeats do not: more repeats keep earlier folds).
    tag: { of: 'train', k: params.folds, stratified: labels !== undefined, shuffle: params.shuffle, seed: params.seed, repeat: fold.repeat, fold: fold.index },
  }))
}

/** The scalars of a metrics value that came back from a nested run. */
export function scalarsOf(value: unknown, input: string): Record<string, number> {
  const m = value as Metrics | undefined
  if (!m || m.kind !== 'metrics' || typeof m.scalars !== 'object') throw new Error(`The node wired to ${input} must output metrics.`)
  return m.scalars
}

/** Metrics where lower is better; the rest are maximized. */
export function lowerIsBetter(metric: string): boolean {
  return /mse|mae|loss|error|inertia|davies/i.test(metric)
}

/** "ran 4 nodes" / "cached": what a nested run did, for reasons and tables. */
export function runStatus(ran: number): 'ran' | 'cached' {
  return ran > 0 ? 'ran' : 'cached'
}
