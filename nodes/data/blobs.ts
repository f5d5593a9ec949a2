import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { gaussian } from '../../ml/table/random'
import { evenCounts, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

/** Gaussian clusters, as scikit-learn's make_blobs. */
export const blobsNode = defineNode({
  type: 'data.blobs',
  version: 1,
  category: 'data',
  title: 'Blobs',
  description:
    'Isotropic Gaussian clusters, as scikit-learn make_blobs: cluster centres are drawn uniformly in [-10, 10] in every feature, ' +
    'and each point is its centre plus Gaussian noise with the chosen spread. Samples are shared evenly between clusters; the target "label" is the cluster number. ' +
    'Good for clustering and simple classification.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: () => ({
    seed: generatorSeed,
    samples: samplesParam(300),
    centers: p.int({ default: 3, min: 1, max: 100, title: 'Clusters' }),
    features: p.int({ default: 2, min: 1, max: 100, title: 'Features' }),
    cluster_std: p.number({ default: 1, min: 0, max: 100, step: 0.1, title: 'Cluster spread', description: 'Standard deviation of each cluster (the noise).' }),
  }),
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const { samples: n, centers: k, features: f } = params
    const centres = Float64Array.from({ length: k * f }, () => -10 + 20 * random())
    const x = new Float64Array(n * f)
    const labels = new Int32Array(n)
    let row = 0
    evenCounts(n, k).forEach((count, c) => {
      for (let i = 0; i < count; i++, row++) {
        labels[row] = c
        for (let j = 0; j < f; j++) x[row * f + j] = centres[c * f + j] + params.cluster_std * gaussian(random)
      }
    })
    return { data: pointsTable(x, f, labels, k, random) }
  },
})
