import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { gaussian } from '../../ml/table/random'
import { noiseParam, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

/** The XOR pattern: four quadrants, opposite ones share a class. */
export const xorNode = defineNode({
  type: 'data.xor',
  version: 1,
  category: 'data',
  title: 'XOR',
  description:
    'Points drawn uniformly in the square [-1, 1]²; the label is 1 when x1 and x2 have opposite signs and 0 otherwise (exclusive or), ' +
    'decided before Gaussian noise is added to the coordinates. No straight line separates the classes.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: { seed: generatorSeed, samples: samplesParam(200), noise: noiseParam(0) },
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const n = params.samples
    const x = new Float64Array(n * 2)
    const labels = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const a = 2 * random() - 1
      const b = 2 * random() - 1
      labels[i] = a > 0 !== b > 0 ? 1 : 0
      x[2 * i] = a + params.noise * gaussian(random)
      x[2 * i + 1] = b + params.noise * gaussian(random)
    }
    return { data: pointsTable(x, 2, labels, 2) }
  },
})
