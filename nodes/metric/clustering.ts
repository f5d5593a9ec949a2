import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isSplits } from '../../runtime/values/dataset'
import type { Metrics, Predictions } from '../../runtime/values/ml'
import { adjustedRandIndex, denseLabels, inertia, silhouetteScore } from '../../ml/metrics/clustering'
import { requirePredictions } from '../../ml/metrics/inputs'
import { featureMatrix, requireData } from '../../ml/table/table'
import { seededRandom } from '../../runtime/exec/rng'

interface Points {
  values: Float64Array
  cols: number
}

/** The feature rows the clusters were predicted on: the `data` input if wired, else the predictions' own copy. */
function pointsOf(pred: Predictions, data: unknown): Points {
  if (data === undefined) {
    if (!pred.features) {
      throw new Error('These predictions carry no feature values; connect the dataset the clusters were predicted on to the "data" input.')
    }
    return { values: pred.features.values, cols: pred.features.names.length }
  }
  const d = requireData(data)
  const part = isSplits(d) ? d[pred.split === 'all' || !pred.split ? 'train' : pred.split] : d
  if (!part) throw new Error(`The splits on "data" have no ${pred.split} split, which the predictions were made on.`)
  const m = featureMatrix(part)
  if (m.rows !== pred.rows) {
    throw new Error(`The dataset on "data" has ${m.rows} rows but the predictions have ${pred.rows}; connect the table the clusters were predicted on.`)
  }
  return { values: m.values, cols: m.cols }
}

/** Rows to score: all of them, or a seeded random subset of `size` rows (sklearn's sample_size). */
function sampleRows(rows: number, size: number, random: () => number): number[] {
  const index = Array.from({ length: rows }, (_, i) => i)
  if (rows <= size) return index
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (rows - i))
    ;[index[i], index[j]] = [index[j], index[i]]
  }
  return index.slice(0, size)
}

/** Silhouette, inertia and (with true labels) adjusted Rand index of a clustering. */
export const clusteringMetricsNode = defineNode({
  type: 'metric.clustering',
  version: 1,
  category: 'metric',
  title: 'Clustering metrics',
  description:
    'Scores cluster assignments with scikit-learn\'s definitions: the mean silhouette coefficient (euclidean; a row in a ' +
    'cluster of its own scores 0; needs 2 to rows − 1 clusters), the inertia (sum of squared distances from each row to ' +
    'its cluster\'s mean) and, when the table has a target, the adjusted Rand index against it. Uses the feature values ' +
    'carried by the predictions, or the dataset wired to "data". On more rows than the sample size, the silhouette is ' +
    'computed on a seeded random sample of rows, as sklearn\'s sample_size does.',
  inputs: {
    predictions: port.predictions(),
    data: port.datasetOrSplits({ optional: true, description: 'The table the clusters were predicted on (if the predictions carry no features).' }),
  },
  outputs: { metrics: port.metrics() },
  params: () => ({
    sampleSize: p.int({
      default: 5000,
      min: 10,
      max: 100_000,
      title: 'Silhouette sample size',
      description: 'The silhouette costs rows² distances; above this many rows it uses a random sample.',
    }),
    seed: p.int({ default: 0, min: 0, title: 'Seed', description: 'Picks the silhouette sample.', advanced: true }),
  }),
  run({ predictions, data }, params, ctx) {
    const pred = requirePredictions(predictions, 'clustering')
    if (pred.rows === 0) throw new Error('The predictions have no rows; check the split sizes upstream.')
    const { values, cols } = pointsOf(pred, data)
    if (values.some((v) => !Number.isFinite(v))) {
      throw new Error('The feature values contain NaN or infinite values; impute or drop them before clustering.')
    }
    const labels = pred.predicted
    const rowsUsed = sampleRows(pred.rows, params.sampleSize, seededRandom(params.seed))
    const sampleX = new Float64Array(rowsUsed.length * cols)
    rowsUsed.forEach((r, i) => sampleX.set(values.subarray(r * cols, (r + 1) * cols), i * cols))
    const sampleLabels = rowsUsed.map((r) => labels[r])
    if (rowsUsed.length < pred.rows) ctx.log.info(`Silhouette computed on a random sample of ${rowsUsed.length} of ${pred.rows} rows.`)
    const metrics: Metrics = {
      kind: 'metrics',
      scalars: {
        silhouette: silhouetteScore(sampleX, rowsUsed.length, cols, sampleLabels),
        inertia: inertia(values, pred.rows, cols, labels),
        clusters: denseLabels(labels).count,
      },
    }
    if (pred.actual) metrics.scalars.adjustedRand = adjustedRandIndex(pred.actual, labels)
    return { metrics }
  },
})
