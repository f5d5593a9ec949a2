import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import type { Metrics } from '../../runtime/values/ml'
import { requireActual, requireFinite, requirePredictions } from '../../ml/metrics/inputs'
import { regressionScores } from '../../ml/metrics/regression'

/** MSE, RMSE, MAE, R² and explained variance of a regression model. */
export const regressionMetricsNode = defineNode({
  type: 'metric.regression',
  version: 1,
  category: 'metric',
  title: 'Regression metrics',
  description:
    'Scores predicted values against the true target with scikit-learn\'s definitions: mean squared error, its root, mean ' +
    'absolute error, R² = 1 − SS_res / SS_tot and explained variance. When the true values are constant, R² and explained ' +
    'variance are 1 for perfect predictions and 0 otherwise (sklearn\'s force_finite); with fewer than two rows they are not ' +
    'defined and left out.',
  inputs: { predictions: port.predictions() },
  outputs: { metrics: port.metrics() },
  params: {},
  run({ predictions }, _params, ctx) {
    const pred = requirePredictions(predictions, 'regression')
    const actual = requireFinite(requireActual(pred), 'true target values')
    const predicted = requireFinite(pred.predicted, 'predicted values')
    const s = regressionScores(actual, predicted)
    const metrics: Metrics = { kind: 'metrics', scalars: { mse: s.mse, rmse: s.rmse, mae: s.mae } }
    if (s.r2 === undefined || s.explainedVariance === undefined) {
      ctx.log.warn('R² is not defined for fewer than two rows; predict on a larger split.')
    } else {
      metrics.scalars.r2 = s.r2
      metrics.scalars.explainedVariance = s.explainedVariance
    }
    return { metrics }
  },
})
