import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { seededRandom } from '../../runtime/exec/rng'
import { makeDataset, numericColumn } from '../../ml/table/table'
import { gaussian, type Uniform } from '../../ml/table/random'
import { featureNames, noiseParam, samplesParam, generatorSeed } from './generated'

interface Truth {
  coefficients: number[]
  bias: number
}

/** The true weights: 100·U(0, 1) for the informative features, 0 for the rest (as make_regression). Drawn first, so the summary can redraw them from the seed. */
function drawTruth(features: number, informative: number, bias: number, random: Uniform): Truth {
  const coefficients = Array.from({ length: features }, (_, j) => (j < informative ? 100 * random() : 0))
  return { coefficients, bias }
}

/** A linear regression problem with known coefficients, as scikit-learn's make_regression. */
export const regressionNode = defineNode({
  type: 'data.regression',
  version: 1,
  category: 'data',
  title: 'Linear regression data',
  description:
    'A linear regression problem with known answers, as scikit-learn make_regression: features are standard normal, ' +
    'the first "informative" features get weights drawn uniformly from [0, 100] (the rest 0), and the target is y = X·w + bias + Gaussian noise. ' +
    'The node summary lists the true weights and bias, so you can check what a model recovers.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: () => ({
    seed: generatorSeed,
    samples: samplesParam(200),
    features: p.int({ default: 3, min: 1, max: 1000, title: 'Features' }),
    informative: p.int({ default: 3, min: 0, max: 1000, title: 'Informative features', description: 'How many features have a non-zero weight.' }),
    noise: noiseParam(10, 'Standard deviation of the Gaussian noise added to y.'),
    bias: p.number({ default: 0, min: -1e6, max: 1e6, title: 'Bias', description: 'The intercept added to every y.' }),
  }),
  check: (params) =>
    params.informative > params.features ? [`Informative features (${params.informative}) cannot exceed features (${params.features}).`] : [],
  run(_inputs, params) {
    const random = seededRandom(params.seed)
    const { samples: n, features: f } = params
    if (params.informative > f) throw new Error(`Informative features (${params.informative}) cannot exceed features (${f}).`)
    const truth = drawTruth(f, params.informative, params.bias, random)
    const cols = featureNames(f).map((name) => numericColumn(name, new Float64Array(n)))
    const y = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      let sum = truth.bias
      for (let j = 0; j < f; j++) {
        const v = gaussian(random)
        cols[j].values[i] = v
        sum += truth.coefficients[j] * v
      }
      y[i] = sum + params.noise * gaussian(random)
    }
    return { data: makeDataset([...cols, numericColumn('y', y, 'target')]) }
  },
  summarize(_outputs, params) {
    const truth = drawTruth(params.features, Math.min(params.informative, params.features), params.bias, seededRandom(params.seed))
    const names = featureNames(params.features)
    return {
      rows: params.samples,
      columns: params.features + 1,
      target: 'y',
      coefficients: Object.fromEntries(names.map((n, j) => [n, truth.coefficients[j]])),
      bias: truth.bias,
    }
  },
})
