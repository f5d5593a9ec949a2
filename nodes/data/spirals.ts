import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { gaussian } from '../../ml/table/random'
import { evenCounts, linspace, noiseParam, pointsTable, samplesParam, generatorSeed } from './generated'
import { seededRandom } from '../../runtime/exec/rng'

/** Interleaved spiral arms, one per class (the CS231n / TensorFlow Playground data set). */
export const spiralsNode = defineNode({
  type: 'data.spirals',
  version: 1,
  category: 'data',
  title: 'Spirals',
  description:
    'Interleaved spiral arms in 2-D, one arm per class. Along arm k the radius r grows evenly from 0 to 1 and the angle is ' +
    '2π·turns·r + 2πk/classes; Gaussian noise is added to each coordinate. A hard non-linear problem that needs a deeper network.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: () => ({
    seed: generatorSeed,
    samples: samplesParam(300),
    noise: noiseParam(0.02),
    classes: p.int({ default: 2, min: 2, max: 10, title: 'Classes (arms)' }),
    turns: p.number({ default: 1, min: 0.25, max: 5, step: 0.25, title: 'Turns', description: 'How many times each arm winds round.' }),
  }),
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const { samples: n, classes: k, turns } = params
    const x = new Float64Array(n * 2)
    const labels = new Int32Array(n)
    let row = 0
    evenCounts(n, k).forEach((count, c) => {
      for (const r of linspace(0, 1, count)) {
        const angle = 2 * Math.PI * turns * r + (2 * Math.PI * c) / k
        x[2 * row] = r * Math.cos(angle) + params.noise * gaussian(random)
        x[2 * row + 1] = r * Math.sin(angle) + params.noise * gaussian(random)
        labels[row++] = c
      }
    })
    return { data: pointsTable(x, 2, labels, k, random) }
  },
})
