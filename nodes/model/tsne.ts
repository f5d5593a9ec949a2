import { defineNode } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isSplits, type Dataset } from '../../runtime/values/dataset'
import { concatRows } from '../../ml/table/concat-rows'
import { TSNE_DEFAULTS, tsne } from '../../ml/models/tsne'
import { checkpoints } from '../../ml/families/checkpoint'
import { featureMatrix, makeDataset, numericColumn, requireData, targetColumn } from '../../ml/table/table'
import { seededRandom } from '../../runtime/exec/rng'

/** Rows each method takes in reasonable time (exact: n² pairs per iteration; Barnes-Hut: its n² d neighbour search). */
const MAX_ROWS = { exact: 3000, barnes_hut: 10_000 } as const

/** t-SNE cannot place new rows, so it is a direct node (table in, embedded table out), not a model spec. */
export const tsneNode = defineNode({
  type: 'model.tsne',
  // 2: Barnes-Hut (the default) and `angle`; a version 1 document ran exact t-SNE and keeps it.
  version: 2,
  migrate: (params, fromVersion) => (fromVersion < 2 && !Object.hasOwn(params, 'method') ? { ...params, method: 'exact' } : params),
  category: 'model',
  title: 't-SNE embedding',
  description:
    'Lays the rows out in 2-D so that rows close in feature space stay close (scikit-learn\'s TSNE: Barnes-Hut ' +
    'by default, or exact). Outputs a table with columns tsne_1, tsne_2 and the target, for a scatter plot. ' +
    'Distances between far-apart clusters mean little. Fed splits, it embeds all their rows. Up to 10 000 rows ' +
    '(3000 exact).',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.dataset() },
  params: () => ({
    perplexity: p.number({ default: TSNE_DEFAULTS.perplexity, min: 2, max: 500, title: 'Perplexity', description: 'Roughly, the number of neighbours each row attends to.' }),
    iterations: p.int({ default: TSNE_DEFAULTS.iterations, min: 250, max: 10_000, title: 'Iterations' }),
    init: p.select(['pca', 'random'] as const, { default: TSNE_DEFAULTS.init, title: 'Initial layout' }),
    method: p.select(['barnes_hut', 'exact'] as const, {
      default: TSNE_DEFAULTS.method,
      title: 'Method',
      description: 'Barnes-Hut approximates the far-away pushes (fast); exact compares every pair of rows.',
    }),
    angle: p.number({
      default: TSNE_DEFAULTS.angle,
      min: 0,
      max: 1,
      title: 'Angle (Barnes-Hut)',
      description: 'Larger is faster and coarser; 0.2–0.8 changes little.',
    }),
    seed: seedParam(),
  }),
  async run(inputs, params, ctx) {
    const data = requireData(inputs.data)
    const d: Dataset = isSplits(data) ? concatRows([data.train, data.validation, data.test].filter((x): x is Dataset => !!x)) : data
    const max = MAX_ROWS[params.method]
    if (d.rows > max) {
      throw new Error(`t-SNE (${params.method === 'exact' ? 'exact' : 'Barnes-Hut'}) takes at most ${max} rows; this table has ${d.rows}. Sample the rows first.`)
    }
    const X = featureMatrix(d)
    const { Y, kl, iterations } = await tsne(X.values, X.rows, X.cols, {
      ...params,
      random: seededRandom(params.seed),
      pause: checkpoints(ctx.signal, 100),
      onProgress: (it, kl) => {
        ctx.progress(it / params.iterations, `iteration ${it}/${params.iterations} KL ${kl.toFixed(3)}`, { iteration: it, kl })
      },
    })
    const target = targetColumn(d)
    const out = makeDataset([
      numericColumn('tsne_1', Float64Array.from({ length: X.rows }, (_, i) => Y[2 * i])),
      numericColumn('tsne_2', Float64Array.from({ length: X.rows }, (_, i) => Y[2 * i + 1])),
      ...(target ? [target] : []),
    ])
    ctx.log.info(`t-SNE final KL divergence ${kl.toFixed(4)} after ${iterations} iterations.`)
    return { data: out }
  },
})
