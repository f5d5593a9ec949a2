import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { generatorSeed, linspace, noiseParam, samplesParam, twoCurves } from './generated'
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
  params: () => ({
    seed: generatorSeed,
    samples: samplesParam(200),
    noise: noiseParam(0.05),
    factor: p.number({ default: 0.5, gt: 0, max: 0.999, step: 0.05, title: 'Scale factor', description: 'Inner circle radius relative to the outer one (0 < factor < 1).' }),
  }),
  run(_inputs, params) {
    const angles = (count: number) => linspace(0, 2 * Math.PI, count, false)
    const outer = (t: number): [number, number] => [Math.cos(t), Math.sin(t)]
    const inner = (t: number): [number, number] => [params.factor * Math.cos(t), params.factor * Math.sin(t)]
    return { data: twoCurves(params, seededRandom(params.seed), angles, outer, inner) }
  },
})
