import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { generatorSeed, linspace, noiseParam, samplesParam, twoCurves } from './generated'
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
    const angles = (count: number) => linspace(0, Math.PI, count)
    const upper = (t: number): [number, number] => [Math.cos(t), Math.sin(t)]
    const lower = (t: number): [number, number] => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5]
    return { data: twoCurves(params, seededRandom(params.seed), angles, upper, lower) }
  },
})
