import { defineNode } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isSplits, type Dataset } from '../../runtime/values/dataset'
import { concatRows } from '../../ml/table/concat-rows'
import { tsne } from '../../ml/models/tsne'
import { yieldEvery } from '../../ml/cancel'
import { featureMatrix, makeDataset, numericColumn, requireData, targetColumn } from '../../ml/table/table'
import { seededRandom } from '../../runtime/exec/rng'

const MAX_ROWS = 3000

/** t-SNE cannot place new rows, so it is a direct node (table in, embedded table out), not a model spec. */
export const tsneNode = defineNode({
  type: 'model.tsne',
  version: 1,
  category: 'model',
  title: 't-SNE embedding',
  description:
    'Lays the rows out in 2-D so that rows close in feature space stay close (exact t-SNE with scikit-learn\'s ' +
    'schedule). Outputs a table with columns tsne_1, tsne_2 and the target, for a scatter plot. Distances between ' +
    'far-apart clusters mean little. Fed splits, it embeds all their rows. Up to 3000 rows.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.dataset() },
  params: {
    perplexity: p.number({ default: 30, min: 2, max: 500, title: 'Perplexity', description: 'Roughly, the number of neighbours each row attends to.' }),
    iterations: p.int({ default: 1000, min: 250, max: 10_000, title: 'Iterations' }),
    init: p.select(['pca', 'random'] as const, { default: 'pca', title: 'Initial layout' }),
    seed: seedParam(),
  },
  async run(inputs, params, ctx) {
    const random = seededRandom(params.seed)
    const data = requireData(inputs.data)
    const d: Dataset = isSplits(data) ? concatRows([data.train, data.validation, data.test].filter((x): x is Dataset => !!x)) : data
    if (d.rows > MAX_ROWS) {
      throw new Error(`t-SNE compares every pair of rows; ${d.rows} rows is too many (at most ${MAX_ROWS}). Sample the rows first.`)
    }
    const X = featureMatrix(d)
    const pause = yieldEvery(100)
    const { Y, kl } = await tsne(X.values, X.rows, X.cols, {
      ...params,
      random: random,
      onProgress: async (it, kl) => {
        if (ctx.signal.aborted) throw new Error('t-SNE was cancelled.')
        ctx.progress(it / params.iterations, `iteration ${it}/${params.iterations} KL ${kl.toFixed(3)}`, { iteration: it, kl })
        await pause()
      },
    })
    const target = targetColumn(d)
    const out = makeDataset([
      numericColumn('tsne_1', Float64Array.from({ length: X.rows }, (_, i) => Y[2 * i])),
      numericColumn('tsne_2', Float64Array.from({ length: X.rows }, (_, i) => Y[2 * i + 1])),
      ...(target ? [target] : []),
    ])
    ctx.log.info(`t-SNE final KL divergence ${kl.toFixed(4)}.`)
    return { data: out }
  },
})
