import { p, seedParam } from '../../runtime/values/params'
import { fitKMeans } from '../models/kmeans'
import { checkpoints } from './checkpoint'
import { nearestCenter } from './clusters'
import { clustersParam } from './config'
import { defineFamily } from './family'
import { stateReader } from './state-check'

export const kmeans = defineFamily({
  id: 'kmeans',
  title: 'k-means',
  description:
    'Groups rows into k clusters around centroids (Lloyd\'s algorithm with k-means++ starts, the best of several ' +
    'restarts by inertia = sum of squared distances to the nearest center), as scikit-learn\'s KMeans.',
  tasks: ['clustering'],
  gradient: false,
  config: () => ({
    k: clustersParam(),
    nInit: p.int({ default: 10, min: 1, max: 100, title: 'Restarts (n_init)' }),
    maxIter: p.int({ default: 300, min: 1, max: 10_000, title: 'Max iterations' }),
    tol: p.number({ default: 1e-4, min: 0, max: 1, title: 'Tolerance', description: 'Relative to the mean feature variance.' }),
    seed: seedParam(),
  }),
  async fit(t, config, ctx) {
    const { values: X, rows, cols } = t.X
    const state = await fitKMeans(X, rows, cols, { ...config, random: ctx.random, checkpoint: checkpoints(ctx.signal) })
    return { state, summary: { inertia: state.inertia, iterations: state.iterations } }
  },
  predict: (s, X, rows) => nearestCenter(s, X, rows),
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('k-means', v)
    const k = r.number('k')
    const cols = r.number('cols')
    return { k, cols, centers: r.f64('centers', k * cols), inertia: r.number('inertia'), iterations: r.number('iterations') }
  },
})
