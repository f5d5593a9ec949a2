import { p } from '../../runtime/values/params'
import { alphaParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

/** Linear SVR trained by gradient descent on the epsilon-insensitive loss (no hidden layers). */
export const linearSvr = defineFamily({
  id: 'linear-svr',
  title: 'Linear SVR',
  description:
    'Linear support-vector regression: errors smaller than epsilon cost nothing, larger ones grow linearly ' +
    '(epsilon-insensitive loss).',
  tasks: ['regression'],
  gradient: true,
  config: {
    epsilon: p.number({ default: 0.1, min: 0, max: 1e6, title: 'Epsilon', description: 'Width of the no-penalty tube.' }),
    alpha: alphaParam(0.0001),
  },
  fit: (t, config, ctx) =>
    fitNetwork(t, ctx, { hidden: () => [], alpha: config.alpha, defaultLoss: { name: 'epsilon-insensitive', config: { epsilon: config.epsilon } } }),
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('linear SVR', v),
})
