import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { gaussian, randomInt, type Uniform } from '../../ml/table/random'
import { evenCounts, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

interface Params {
  samples: number
  features: number
  informative: number
  redundant: number
  classes: number
  clusters_per_class: number
  class_sep: number
  noise: number
}

function problems(q: Params): string[] {
  const out: string[] = []
  if (q.informative + q.redundant > q.features) {
    out.push(`Informative (${q.informative}) plus redundant (${q.redundant}) features cannot exceed features (${q.features}).`)
  }
  if (q.classes * q.clusters_per_class > 2 ** q.informative) {
    out.push(
      `Classes × clusters per class (${q.classes * q.clusters_per_class}) must be at most 2^informative (${2 ** q.informative}); ` +
        'add informative features or use fewer classes or clusters.',
    )
  }
  return out
}

/** Distinct random vertices of the hypercube {-sep, +sep}^d, one per cluster. */
function hypercubeVertices(clusters: number, d: number, sep: number, random: Uniform): number[][] {
  const picked = new Set<number>()
  while (picked.size < clusters) picked.add(randomInt(random, 2 ** d))
  return [...picked].map((v) => Array.from({ length: d }, (_, j) => ((v >> j) & 1 ? sep : -sep)))
}

/** A random matrix with entries uniform in [-1, 1). */
const uniformMatrix = (r: number, c: number, random: Uniform) => Array.from({ length: r }, () => Array.from({ length: c }, () => 2 * random() - 1))

/** Random n-class classification, as scikit-learn's make_classification. */
export const classificationNode = defineNode({
  type: 'data.classification',
  version: 1,
  category: 'data',
  title: 'Classification data',
  description:
    'A random classification problem, as scikit-learn make_classification: each class is made of Gaussian clusters placed on the vertices of a hypercube ' +
    '(side 2 × class separation) in the informative features, each cluster with a random covariance; redundant features are random linear combinations ' +
    'of the informative ones, and the remaining features are pure noise. Features are not shuffled: x1..xk are the informative ones. ' +
    'Noise is the fraction of labels replaced by a random class.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: () => ({
    seed: generatorSeed,
    samples: samplesParam(200),
    features: p.int({ default: 4, min: 1, max: 1000, title: 'Features' }),
    informative: p.int({ default: 2, min: 1, max: 30, title: 'Informative features' }),
    redundant: p.int({ default: 0, min: 0, max: 1000, title: 'Redundant features', description: 'Linear combinations of the informative features.' }),
    classes: p.int({ default: 2, min: 2, max: 100, title: 'Classes' }),
    clusters_per_class: p.int({ default: 1, min: 1, max: 100, title: 'Clusters per class' }),
    class_sep: p.number({ default: 1, gt: 0, max: 100, step: 0.1, title: 'Class separation', description: 'Larger values make the task easier.' }),
    noise: p.number({ default: 0.01, min: 0, max: 1, step: 0.01, title: 'Label noise', description: 'Fraction of labels replaced by a random class (flip_y).' }),
  }),
  check: (params) => problems(params),
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const bad = problems(params)
    if (bad.length) throw new Error(bad[0])
    const { samples: n, features: f, informative: d, redundant: r, classes: k } = params
    const clusters = k * params.clusters_per_class
    const centroids = hypercubeVertices(clusters, d, params.class_sep, random)
    const x = new Float64Array(n * f)
    const labels = new Int32Array(n)
    let row = 0
    evenCounts(n, clusters).forEach((count, c) => {
      const a = uniformMatrix(d, d, random)
      const z = new Float64Array(d)
      for (let i = 0; i < count; i++, row++) {
        labels[row] = c % k
        for (let m = 0; m < d; m++) z[m] = gaussian(random)
        for (let j = 0; j < d; j++) {
          let v = centroids[c][j]
          for (let m = 0; m < d; m++) v += z[m] * a[m][j]
          x[row * f + j] = v
        }
      }
    })
    const b = uniformMatrix(d, r, random)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < r; j++) {
        let v = 0
        for (let m = 0; m < d; m++) v += x[i * f + m] * b[m][j]
        x[i * f + d + j] = v
      }
      for (let j = d + r; j < f; j++) x[i * f + j] = gaussian(random)
      if (random() < params.noise) labels[i] = randomInt(random, k)
    }
    return { data: pointsTable(x, f, labels, k, random) }
  },
})
