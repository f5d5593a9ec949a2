import { mergeRanOn, type SubgraphHost } from '../../runtime/node-api/subgraph'
import type { Splits } from '../../runtime/values/dataset'
import type { TrialOutcome } from '../../ml/select/search'
import { foldInputs, runStatus, scalarsOf } from './folds'
import { ranOnText } from './ran-on'
import { meanStd } from './table'

/** How a trial is scored: on the split's validation rows, or by k-fold cross-validation of its training rows. */
export type Scoring = { kind: 'validation' } | { kind: 'cross-validation'; folds: number; seed: number }

/** A trial's result with the metrics it was scored by. */
export interface Scored extends TrialOutcome {
  scalars: Record<string, number>
}

/**
 * Scores one configuration (`params`: node id → params to merge) by nested runs of the pipeline:
 * one with the validation rows as its test rows, or one per fold. Every run is cached by its
 * content, so a configuration seen before is all cache hits.
 */
export class TrialRunner {
  private readonly inputs: { value: Splits; tag: unknown }[]
  metric: string | undefined

  constructor(
    private readonly host: SubgraphHost,
    splits: Splits,
    scoring: Scoring,
    metric: string,
  ) {
    this.metric = metric || undefined
    if (scoring.kind === 'validation') {
      if (!splits.validation) {
        throw new Error('Scoring on validation rows needs a split with a validation share: set one on the Train / test split, or score by cross-validation.')
      }
      // The validation rows stand in for the test rows, so the test rows stay unseen by the search.
      this.inputs = [{ value: { kind: 'splits', train: splits.train, test: splits.validation }, tag: { of: 'validation-as-test' } }]
    } else {
      this.inputs = foldInputs(splits.train, { folds: scoring.folds, stratify: true, shuffle: true, repeats: 1, seed: scoring.seed })
    }
  }

  async score(params: Map<string, Record<string, unknown>>): Promise<Scored> {
    const t0 = performance.now()
    // The search runs trials side by side (as many as the runner takes), so a trial's folds run in turn.
    const runs = []
    for (const input of this.inputs) runs.push(await this.host.run({ output: 'result', replace: { data: { value: input.value, tag: input.tag } }, params }))
    const all = runs.map((r) => scalarsOf(r.value, 'Result'))
    const ran = runs.reduce((n, r) => n + r.ran, 0)
    const metric = (this.metric ??= Object.keys(all[0])[0])
    if (!all.every((s) => Object.hasOwn(s, metric))) {
      throw new Error(`The metrics have no "${metric}"; choose one of: ${Object.keys(all[0]).join(', ')}.`)
    }
    const scalars: Record<string, number> = {}
    for (const name of Object.keys(all[0])) scalars[name] = meanStd(all.map((s) => s[name])).mean
    return { score: scalars[metric], scalars, status: runStatus(ran), ms: performance.now() - t0, ranOn: ranOnText(mergeRanOn(runs.map((r) => r.ranOn))) }
  }
}
