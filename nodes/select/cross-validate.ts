import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { seedParam } from '../../runtime/values/params'
import type { Metrics } from '../../runtime/values/ml'
import { mapLimit } from '../../ml/select/parallel'
import { foldInputs, runStatus, scalarsOf, subgraphOf, trainingRows } from './folds'
import { meanStd, plusMinus, resultsTable } from './table'

const TITLE = 'Cross-validation'

/** k-fold cross-validation of the pipeline between a split and its metrics. */
export const crossValidateNode = defineNode({
  type: 'select.cross-validate',
  version: 1,
  category: 'select',
  title: TITLE,
  // Nested runs need the host's executor and cache (pool workers have no ctx.subgraph).
  hostOnly: true,
  description:
    'Scores the pipeline between a Train / test split (wire its output to Data) and a metrics node (wire it to Result) by k-fold ' +
    'cross-validation of the training rows, as scikit-learn\'s KFold / StratifiedKFold / RepeatedKFold: the pipeline runs once per fold with ' +
    'the fold\'s training rows as `train` and its held-out rows as `test`, so every transform fits on the fold\'s training rows only. ' +
    'Outputs the mean and standard deviation (population, as numpy) of every metric and a table of the folds. Each fold is an ordinary ' +
    'cached run: running again, or adding repeats, reuses every finished fold. Stratifying applies when the target is a class label.',
  inputs: {
    data: port.splits({ label: 'Data', description: 'The split whose training rows are cross-validated.' }),
    result: port.metrics({ label: 'Result', description: 'The metrics at the end of the pipeline to score.' }),
  },
  outputs: { metrics: port.metrics(), folds: port.dataset({ label: 'Folds' }) },
  params: () => ({
    folds: p.int({ default: 5, min: 2, max: 100, title: 'Folds (k)' }),
    stratify: p.bool({ default: true, title: 'Stratify by target', description: 'Keeps each class\'s share in every fold (class targets only).' }),
    shuffle: p.bool({ default: true, title: 'Shuffle', description: 'Shuffle rows before cutting folds (with the seed). Off: folds follow row order.' }),
    repeats: p.int({ default: 1, min: 1, max: 50, title: 'Repeats', description: 'Repeated k-fold: new shuffled folds per repeat.' }),
    seed: seedParam('Seeds the shuffling of rows into folds.'),
  }),
  check: (params) => (params.repeats > 1 && !params.shuffle ? ['Repeats need shuffle: unshuffled repeats would all be the same folds.'] : []),
  async run({ data, result: _result }, params, ctx) {
    const host = subgraphOf(ctx, TITLE)
    const rows = trainingRows(data, TITLE).train
    const inputs = foldInputs(rows, params)
    let finished = 0
    // Folds are independent: as many run at once as the host has worker slots.
    const runs = await mapLimit(inputs, host.parallel, async (f) => {
      if (ctx.signal.aborted) throw new Error('cancelled')
      const run = await host.run({ output: 'result', replace: { data: { value: f.value, tag: f.tag } } })
      ctx.progress(++finished / inputs.length, `${foldName(f.fold, params.repeats)}: ${run.ran ? `ran ${run.ran} nodes` : 'cached'}`)
      return run
    })
    const perFold = runs.map((r) => scalarsOf(r.value, 'Result'))
    const statuses = runs.map((r) => runStatus(r.ran))
    const names = Object.keys(perFold[0]).filter((n) => perFold.every((s) => Number.isFinite(s[n])))
    const metrics: Metrics = { kind: 'metrics', scalars: {}, matrices: {} }
    for (const n of names) {
      const s = meanStd(perFold.map((f) => f[n]))
      metrics.scalars[n] = s.mean
      metrics.scalars[`${n} std`] = s.std
    }
    const labels = inputs.map((f) => foldName(f.fold, params.repeats))
    metrics.matrices!.folds = { rowLabels: labels, colLabels: names, values: perFold.map((f) => names.map((n) => f[n])) }
    const table = resultsTable(
      ['fold', 'train rows', 'test rows', 'status', ...names],
      inputs.map((f, i) => [labels[i], f.fold.train.length, f.fold.test.length, statuses[i], ...names.map((n) => perFold[i][n])]),
    )
    return { metrics, folds: table }
  },
  summarize(outputs, params) {
    const m = outputs.metrics as Metrics
    const names = Object.keys(m.scalars).filter((n) => !n.endsWith(' std')).slice(0, 3)
    return {
      folds: params.folds * params.repeats,
      ...Object.fromEntries(names.map((n) => [n, plusMinus({ mean: m.scalars[n], std: m.scalars[`${n} std`] })])),
    }
  },
})

const foldName = (f: { repeat: number; index: number }, repeats: number) => (repeats > 1 ? `repeat ${f.repeat + 1} fold ${f.index + 1}` : `fold ${f.index + 1}`)
