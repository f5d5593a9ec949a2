import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { gaussian } from '../../ml/table/random'
import { linspace, noiseParam, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

/** A circle inside a circle, as scikit-learn's make_circles. */
export const circlesNode = defineNode({
  type: 'data.circles',
  version: 1,
  category: 'data',
  title: 'Circles',
  description:
    'A small circle inside a large one in 2-D, as scikit-learn make_circles: class 0 on the unit circle, class 1 on a circle of radius ' +
    '"scale factor", points evenly spaced in angle, plus Gaussian noise. Separable only by a non-linear boundary.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: {
    seed: generatorSeed,
    samples: samplesParam(200),
    noise: noiseParam(0.05),
    factor: p.number({ default: 0.5, gt: 0, max: 0.999, step: 0.05, title: 'Scale factor', description: 'Inner circle radius relative to the outer one (0 < factor < 1).' }),
  },
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const n = params.samples
    const nOut = Math.floor(n / 2)
    const x = new Float64Array(n * 2)
    const labels = new Int32Array(n)
    linspace(0, 2 * Math.PI, nOut, false).forEach((t, i) => {
      x[2 * i] = Math.cos(t)
      x[2 * i + 1] = Math.sin(t)
    })
    linspace(0, 2 * Math.PI, n - nOut, false).forEach((t, i) => {
      const r = nOut + i
      x[2 * r] = params.factor * Math.cos(t)
      x[2 * r + 1] = params.factor * Math.sin(t)
      labels[r] = 1
    })
    for (let i = 0; i < x.length; i++) x[i] += params.noise * gaussian(random)
    return { data: pointsTable(x, 2, labels, 2, random) }
  },
})
