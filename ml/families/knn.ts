import { p } from '../../runtime/values/params'
import { predictKnn, type KnnState } from '../models/knn'
import { defineFamily } from './family'
import { stateReader } from './state-check'

export const knn = defineFamily({
  id: 'knn',
  title: 'k-nearest neighbours',
  description:
    'Predicts from the k training rows closest in Euclidean distance: their majority class (or mean value), ' +
    'each neighbour counting equally or by inverse distance. Scale the features first.',
  tasks: ['classification', 'regression'],
  gradient: false,
  config: () => ({
    k: p.int({ default: 5, min: 1, max: 1000, title: 'Neighbours (k)' }),
    weights: p.select(['uniform', 'distance'] as const, { default: 'uniform', title: 'Weights' }),
  }),
  async fit(t, { k, weights }) {
    const { values: X, rows, cols } = t.X
    if (k > rows) throw new Error(`k-NN with k = ${k} needs at least ${k} training rows; the table has ${rows}. Lower k.`)
    const state: KnnState = { X, cols, y: t.y!, k, weights, classes: t.classes?.length ?? 0 }
    return { state, summary: { k, rows } }
  },
  predict: (s, X, rows) => predictKnn(s, X, rows),
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('k-NN', v)
    const cols = r.number('cols')
    const y = r.f64('y')
    return { X: r.f64('X', y.length * cols), cols, y, k: r.number('k'), weights: r.string('weights', ['uniform', 'distance']), classes: r.number('classes') }
  },
})
