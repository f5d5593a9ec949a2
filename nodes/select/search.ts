import { z } from 'zod'
import { defineNode, paramsUnchanged, type NodeContext } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { seedParam } from '../../runtime/values/params'
import type { Metrics } from '../../runtime/values/ml'
import { bestTrial, runSearch, type SearchSpec, type TrialResult } from '../../ml/select/search'
import { assign, checkSpace, overridesFor, type Dimension } from '../../ml/select/space'
import { lowerIsBetter, subgraphOf, trainingRows } from './folds'
import { searchChart, trialsTable } from './search-results'
import { spaceParam } from './space-param'
import { TrialRunner, type Scoring } from './trials'

const TITLE = 'Hyperparameter search'

/** The best trial's score and numeric params as metrics, and its params as node id → params to merge. */
export interface BestTrial extends Metrics {
  params: Record<string, Record<string, unknown>>
}

/** Grid, random or TPE search over params of the nodes between a split and its metrics. */
export const searchNode = defineNode({
  type: 'select.search',
  // 2: the best trial's params are named "learningRate (opt)" in the Best metrics (were "opt.learningRate").
  version: 2,
  migrate: paramsUnchanged,
  category: 'select',
  title: TITLE,
  // Nested runs need the host's executor and cache (pool workers have no ctx.subgraph).
  hostOnly: true,
  description:
    'Tunes params of the nodes between a Train / test split (wire it to Data) and a metrics node (wire it to Result): each trial re-runs ' +
    'that pipeline with one configuration from the search space and scores it on the validation rows (the split needs a validation share) ' +
    'or by k-fold cross-validation of the training rows; the test rows are never used. Strategies: grid, random, and Bayesian (TPE). ' +
    'Budget: a number of trials and optionally seconds. Successive halving (set the early-stopping node and param, e.g. train / epochs) ' +
    'runs every trial short and only the best third on with three times more. Every trial is an ordinary cached run: re-running, ' +
    'extending the budget or editing an unrelated node reuses every finished trial ("trial 7: cached").',
  inputs: {
    data: port.splits({ label: 'Data', description: 'The split the pipeline trains on.' }),
    result: port.metrics({ label: 'Result', description: 'The metrics at the end of the pipeline to optimise.' }),
  },
  outputs: { trials: port.dataset({ label: 'Trials' }), chart: port.figure({ label: 'Score per trial' }), best: port.metrics({ label: 'Best' }) },
  params: () => ({
    space: spaceParam(),
    strategy: p.select(['random', 'tpe', 'grid'], { default: 'random', title: 'Strategy', description: 'TPE is Bayesian: it samples where good trials cluster.' }),
    trials: p.int({ default: 20, min: 1, max: 1000, title: 'Trials' }),
    tpeBatch: p.int({
      default: 1,
      min: 1,
      max: 64,
      title: 'TPE batch',
      description: 'TPE proposes this many trials at a time (pending ones count as failed) so they run side by side; 1: one after another. Results depend on it, not on the workers.',
    }),
    seconds: p.number({ default: 0, min: 0, max: 86_400, title: 'Time budget (s)', description: 'Start no trial after this many seconds; 0: no limit.' }),
    metric: p.text({ default: '', maxLength: 200, title: 'Metric', description: 'A scalar of the Result metrics; empty: the first (accuracy, or MSE for regression).' }),
    goal: p.select(['auto', 'maximize', 'minimize'], { default: 'auto', title: 'Goal', description: 'Auto minimizes errors and losses (MSE, MAE, log loss) and maximizes the rest.' }),
    scoring: p.select(['validation', 'cross-validation'], { default: 'validation', title: 'Score on' }),
    folds: p.int({ default: 5, min: 2, max: 50, title: 'Folds', description: 'Cross-validation scoring: stratified folds of the training rows.' }),
    halvingNode: p.custom(z.string().max(200).default(''), 'upstream-node', {
      title: 'Early-stopping node',
      description: 'Successive halving: the node whose param is the resource (e.g. the Train node); empty: off.',
    }),
    halvingParam: p.text({ default: 'epochs', maxLength: 200, title: 'Early-stopping param', description: 'Its value in the graph is the full resource.' }),
    halvingMin: p.int({ default: 5, min: 1, max: 1_000_000, title: 'Smallest resource' }),
    halvingFactor: p.int({ default: 3, min: 2, max: 10, title: 'Halving factor' }),
    seed: seedParam('Seeds random and TPE proposals and the cross-validation folds.'),
  }),
  check: (params) => checkSpace(params.space as Dimension[]),
  async run({ data }, params, ctx) {
    const host = subgraphOf(ctx, TITLE)
    const space = params.space as Dimension[]
    const problems = checkSpace(space)
    if (problems.length) throw new Error(problems.join(' '))
    if (!space.length) throw new Error('Add at least one param to the search space, e.g. {"node": "train", "param": "epochs", "kind": "int", "min": 10, "max": 100}.')
    const upstream = new Map(host.upstream('result').map((n) => [n.id, n.params]))
    const scoring: Scoring = params.scoring === 'validation' ? { kind: 'validation' } : { kind: 'cross-validation', folds: params.folds, seed: params.seed }
    const runner = new TrialRunner(host, trainingRows(data, TITLE), scoring, params.metric)
    const halving = halvingOf(params, upstream)
    let maximize = params.goal !== 'minimize'
    // With goal 'auto' the direction is known once the first trial names its metric.
    const spec: SearchSpec = {
      ...{ space, strategy: params.strategy, batch: params.tpeBatch, trials: params.trials, seconds: params.seconds, seed: params.seed, halving: halving?.range },
      get maximize() {
        return maximize
      },
    }
    const results = await runSearch(spec, {
      signal: ctx.signal,
      parallel: host.parallel,
      evaluate: async (plan) => {
        const overrides = overridesFor(space, plan.point, (id) => upstream.get(id))
        if (halving) overrides.set(halving.node, { ...overrides.get(halving.node), ...assign(upstream.get(halving.node)!, halving.param, plan.resource!) })
        try {
          const scored = await runner.score(overrides)
          if (params.goal === 'auto') maximize = !lowerIsBetter(runner.metric!)
          return scored
        } catch (e) {
          if (ctx.signal.aborted) throw e
          return { score: NaN, status: 'error', ms: 0, error: (e as Error).message }
        }
      },
      onTrial: (r, done) => report(ctx, r, done, params.trials, maximize),
    })
    if (ctx.signal.aborted) throw new Error('cancelled')
    const metric = runner.metric ?? params.metric
    const best = bestTrial(results, maximize)
    if (!best) throw new Error(`Every trial failed; the first said: ${results[0]?.error ?? 'no trial ran'}`)
    const bestParams = Object.fromEntries(overridesFor(space, best.point, (id) => upstream.get(id)))
    const cached = results.filter((r) => r.status === 'cached').length
    const scalars: Metrics['scalars'] = { [metric]: best.score, trial: best.trial, trials: results.length, 'cached trials': cached }
    space.forEach((d, i) => {
      if (typeof best.point[i] === 'number') scalars[bestParamName(d)] = best.point[i]
    })
    const bestValue: BestTrial = { kind: 'metrics', scalars, params: bestParams }
    return { trials: trialsTable(space, results, metric, halving !== undefined), chart: searchChart(results, metric, maximize), best: bestValue }
  },
  summarize(outputs) {
    const best = outputs.best as BestTrial
    const [metric] = Object.keys(best.scalars)
    // `bestParams` is what the editor's "Apply best" writes back into the graph.
    const { trials, 'cached trials': cached } = best.scalars
    return { [metric]: best.scalars[metric], 'best trial': best.scalars.trial, trials, 'cached trials': cached, bestParams: best.params }
  },
})

/** A searched param as the Best metrics name it: "learningRate (opt)", "layers 0 units (spec)" (read as "Layers 0 units (spec)"). */
function bestParamName(d: Dimension): string {
  return `${d.param.split('.').join(' ')} (${d.node})`
}

/** The successive-halving resource: node, param path, and the rungs from the smallest resource to the graph's value. */
function halvingOf(params: { halvingNode: string; halvingParam: string; halvingMin: number; halvingFactor: number }, upstream: Map<string, Record<string, unknown>>) {
  if (!params.halvingNode) return undefined
  const node = upstream.get(params.halvingNode)
  if (!node) throw new Error(`Early stopping: no node "${params.halvingNode}" upstream of the search.`)
  const max = params.halvingParam.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), node)
  if (typeof max !== 'number') throw new Error(`Early stopping: node "${params.halvingNode}" has no number param "${params.halvingParam}".`)
  // Train's epochs 0 means auto (a convergence stop), not a resource that can be split into rungs.
  if (max < 1) throw new Error(`Early stopping: "${params.halvingNode}.${params.halvingParam}" is ${max}; set it to the full resource (e.g. 100 epochs).`)
  return { node: params.halvingNode, param: params.halvingParam, range: { min: Math.min(params.halvingMin, max), max, eta: params.halvingFactor } }
}

/** Live progress: the trial's status in the reason line, its score and the best so far for the chart. */
function report(ctx: NodeContext, r: TrialResult, done: readonly TrialResult[], budget: number, maximize: boolean) {
  const best = bestTrial(done, maximize)
  const what = r.status === 'error' ? `failed: ${r.error}` : `${r.status} · score ${Number(r.score.toPrecision(4))}`
  const point = r.status === 'error' || !best ? undefined : { trial: r.trial, score: r.score, best: best.score }
  ctx.progress(Math.min(1, done.length / budget), `trial ${r.trial}: ${what}`, point)
}
