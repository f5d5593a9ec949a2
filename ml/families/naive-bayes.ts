import { p } from '../../runtime/values/params'
import { fitNaiveBayes, predictNaiveBayes } from '../models/naive-bayes'
import { defineFamily } from './family'
import { stateReader } from './state-check'

export const naiveBayes = defineFamily({
  id: 'naive-bayes',
  title: 'Naive Bayes (Gaussian)',
  description:
    'Treats each feature as normally distributed within each class, independently of the others, and picks the ' +
    'most probable class (scikit-learn\'s GaussianNB, with its variance smoothing).',
  tasks: ['classification'],
  gradient: false,
  config: () => ({
    varSmoothing: p.number({
      default: 1e-9,
      min: 0,
      max: 1,
      title: 'Variance smoothing',
      description: 'Fraction of the largest feature variance added to every variance, for stability.',
    }),
  }),
  async fit(t, config) {
    const classes = t.classes?.length ?? 0
    if (!classes) throw new Error('Naive Bayes classifies; its target must be categorical.')
    const state = fitNaiveBayes(t.X.values, t.X.cols, t.y!, classes, config.varSmoothing)
    return { state, summary: { classes } }
  },
  predict: (s, X, rows) => predictNaiveBayes(s, X, rows),
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('naive Bayes', v)
    const classes = r.number('classes')
    const cols = r.number('cols')
    return { classes, cols, means: r.f64('means', classes * cols), variances: r.f64('variances', classes * cols), logPriors: r.f64('logPriors', classes) }
  },
})
