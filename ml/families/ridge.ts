import { p } from '../../runtime/values/params'
import { fitRidge } from '../linear/least-squares'
import { defineFamily } from './family'
import { linearParts, linearSummary } from './linear-state'

/** scikit-learn's Ridge: exact solution of ‖y − Xw − b‖² + alpha·‖w‖². */
export const ridge = defineFamily({
  id: 'ridge',
  title: 'Ridge regression',
  description:
    'Least squares with an L2 penalty, solved exactly as scikit-learn\'s Ridge: minimizes ‖y − Xw − b‖² + alpha·‖w‖² ' +
    '(the intercept is not penalized). Shrinks correlated features\' weights together; standardize the features first.',
  tasks: ['regression'],
  gradient: false,
  config: {
    alpha: p.number({ default: 1, min: 0, max: 1e9, title: 'Alpha', description: 'Penalty strength (scikit-learn\'s alpha); 0 is plain least squares.' }),
  },
  async fit(t, { alpha }) {
    const s = fitRidge(t.X.values, t.X.rows, t.X.cols, t.y!, alpha)
    return { state: s, summary: linearSummary(s) }
  },
  ...linearParts('ridge regression'),
})
