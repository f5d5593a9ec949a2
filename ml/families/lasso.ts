import { defineFamily } from './family'
import { coordinateDescentConfig, fitCoordinateDescent } from './elastic-net'
import { linearParts } from './linear-state'

/** scikit-learn's Lasso: an L1 penalty, which sets weights of unhelpful features to exactly zero. */
export const lasso = defineFamily({
  id: 'lasso',
  title: 'Lasso',
  description:
    'Linear regression with an L1 penalty (alpha·‖w‖₁), fitted by coordinate descent as scikit-learn\'s Lasso: it sets the ' +
    'weights of features that do not help to exactly zero, so it also selects features. Standardize the features first.',
  tasks: ['regression'],
  gradient: false,
  config: coordinateDescentConfig,
  fit: (t, config, ctx) => fitCoordinateDescent(t, { ...config, l1Ratio: 1 }, ctx),
  ...linearParts('lasso'),
})
