import { p } from '../../runtime/values/params'
import { predictLinear } from '../linear/centered'
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
  config: () => ({
    alpha: p.number({ default: 1, min: 0, max: 1e9, title: 'Alpha', description: 'Penalty strength (scikit-learn\'s alpha); 0 is plain least squares.' }),
  }),
  async fit(t, { alpha }) {
    const { values: X, rows, cols } = t.X
    const s = fitRidge(X, rows, cols, t.y!, alpha)
    const p = predictLinear(s, X, rows)
    let loss = 0
    for (let i = 0; i < rows; i++) loss += (t.y![i] - p[i]) ** 2
    for (const w of s.coef) loss += alpha * w * w
    // A direct solve: one point on the loss curve (scikit-learn's objective ‖y − Xw − b‖² + alpha·‖w‖², per row).
    return { state: s, summary: linearSummary(s, { solver: 'Cholesky' }), history: [{ epoch: 0, loss: loss / rows }] }
  },
  ...linearParts('ridge regression'),
})
