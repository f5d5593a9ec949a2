import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { gaussian } from '../../ml/table/random'
import { linspace, noiseParam, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

/** Two interleaving half circles, as scikit-learn's make_moons. */
export const moonsNode = defineNode({
  type: 'data.moons',
  version: 1,
  category: 'data',
  title: 'Two moons',
  description:
    'Two interleaving half circles in 2-D, as scikit-learn make_moons: class 0 is the upper moon (cos t, sin t), class 1 the lower ' +
    '(1 − cos t, 0.5 − sin t), t evenly spaced in [0, π], plus Gaussian noise. Not linearly separable: a classic test for non-linear classifiers.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: { seed: generatorSeed, samples: samplesParam(200), noise: noiseParam(0.1) },
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const n = params.samples
    const nOut = Math.floor(n / 2)
    const x = new Float64Array(n * 2)
    const labels = new Int32Array(n)
    linspace(0, Math.PI, nOut).forEach((t, i) => {
      x[2 * i] = Math.cos(t)
      x[2 * i + 1] = Math.sin(t)
    })
    linspace(0, Math.PI, n - nOut).forEach((t, i) => {
      const r = nOut + i
      x[2 * r] = 1 - Math.cos(t)
      x[2 * r + 1] = 1 - Math.sin(t) - 0.5
      labels[r] = 1
    })
    for (let i = 0; i < x.length; i++) x[i] += params.noise * gaussian(random)
    return { data: pointsTable(x, 2, labels, 2, random) }
  },
})
