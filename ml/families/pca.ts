import { p } from '../../runtime/values/params'
import { fitPca, projectPca } from '../models/pca'
import { defineFamily } from './family'
import { stateReader } from './state-check'

export const pca = defineFamily({
  id: 'pca',
  title: 'PCA projection',
  description:
    'Learns the directions of largest variance on the training rows; Predict then projects any rows onto them ' +
    '(columns pc_1, pc_2, …) for 2-D plots. Standardize first when features have different units.',
  tasks: ['embedding'],
  gradient: false,
  config: () => ({ components: p.int({ default: 2, min: 1, max: 1000, title: 'Components' }) }),
  async fit(t, config) {
    const state = fitPca(t.X.values, t.X.rows, t.X.cols, { components: config.components })
    const explained = state.explainedVarianceRatio.reduce((a, b) => a + b, 0)
    return { state, summary: { components: state.components, explainedVariance: explained } }
  },
  predict(s, X, rows) {
    const values = projectPca(s, X, rows)
    const names = Array.from({ length: s.components }, (_, i) => `pc_${i + 1}`)
    const predicted = Float64Array.from({ length: rows }, (_, i) => values[i * s.components])
    return { predicted, embedding: { names, values } }
  },
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('PCA', v)
    const cols = r.number('cols')
    const components = r.number('components')
    return {
      cols,
      components,
      means: r.f64('means', cols),
      loadings: r.f64('loadings', components * cols),
      explainedVariance: r.f64('explainedVariance', components),
      explainedVarianceRatio: r.f64('explainedVarianceRatio', components),
    }
  },
})
