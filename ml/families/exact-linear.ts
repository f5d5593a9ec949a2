import { predictLinear } from '../linear/centered'
import { fitLeastSquares, fitRidge } from '../linear/least-squares'
import { logisticSteps, predictLogistic } from '../linear/logistic'
import { accuracy } from '../metrics/classification'
import { regressionScores } from '../metrics/regression'
import { runCancellable } from './checkpoint'
import type { FitContext, FitResult } from './family'
import { headFor, netFor, type GradientState } from './gradient'
import type { TrainingTable } from './training-table'

/**
 * The exact solvers linear and logistic regression use when no loss and no optimizer are wired
 * (scikit-learn's LinearRegression / Ridge and LogisticRegression(lbfgs)). The solution is stored
 * as the same one-layer network a gradient fit produces, so predict, export and the scorer do
 * not care which way it was fitted.
 */
export function exactWired(ctx: FitContext): boolean {
  return !ctx.training.loss && !ctx.training.optimizer
}

/** rows × cols weights (row per output unit) and intercepts as a dense layer's kernel [cols, units] and bias. */
export function linearNet(t: TrainingTable, coef: Float64Array, intercept: ArrayLike<number>): GradientState {
  const head = headFor(t.task, t.classes)
  const cols = t.X.cols
  const net = netFor([], cols, head)
  const units = intercept.length
  const kernel = new Float32Array(cols * units)
  for (let c = 0; c < units; c++) for (let j = 0; j < cols; j++) kernel[j * units + c] = coef[c * cols + j]
  return { net, head, shapes: [[cols, units], [units]], weights: [kernel, Float32Array.from(intercept)] }
}

/**
 * Least squares (alpha = 0) or ridge. The gradient objective is mean squared error + alpha/2·‖w‖²;
 * times the row count that is scikit-learn's Ridge with alpha·rows/2, so both paths minimize the same thing.
 */
export function fitExactRegression(t: TrainingTable, alpha: number, ctx: FitContext): FitResult<GradientState> {
  const { values: X, rows, cols } = t.X
  const fit = alpha > 0 ? { ...fitRidge(X, rows, cols, t.y!, (alpha * rows) / 2), rank: cols } : fitLeastSquares(X, rows, cols, t.y!)
  const solver = alpha > 0 ? 'ridge (Cholesky)' : 'least squares (QR)'
  ctx.log.info(`No loss or optimizer wired: solved exactly by ${solver}, as scikit-learn. Wire both to train by gradient descent.`)
  const { rank } = fit
  if (rank < cols) ctx.log.warn(`${cols - rank} feature(s) are combinations of the others (e.g. a full one-hot block); their weights are set to 0.`)
  const predicted = predictLinear(fit, X, rows)
  const r2 = regressionScores(t.y!, predicted).r2
  // One point: a direct solve has no epochs; the loss curve shows it with a note (nodes/figure/loss-curve.ts).
  const loss = meanSquaredError(t.y!, predicted) + (alpha / 2) * sumOfSquares(fit.coef)
  return {
    state: linearNet(t, fit.coef, [fit.intercept]),
    summary: { solver, rank, ...(r2 !== undefined ? { r2 } : {}) },
    history: [{ epoch: 0, loss, ...(r2 !== undefined ? { metric: r2 } : {}) }],
  }
}

function meanSquaredError(y: Float64Array, p: Float64Array): number {
  let s = 0
  for (let i = 0; i < p.length; i++) s += (y[i] - p[i]) ** 2
  return s / p.length
}

function sumOfSquares(w: Float64Array): number {
  let s = 0
  for (const v of w) s += v * v
  return s
}

/** L-BFGS on C·Σ log loss + ½‖w‖², as scikit-learn's LogisticRegression. */
export async function fitExactLogistic(t: TrainingTable, C: number, ctx: FitContext): Promise<FitResult<GradientState>> {
  const { values: X, rows, cols } = t.X
  const classes = t.classes!.length
  const r = await runCancellable(logisticSteps(X, rows, cols, t.y!, classes, { C, maxIter: 1000 }), ctx.signal)
  ctx.log.info('No loss or optimizer wired: fitted exactly by L-BFGS, as scikit-learn\'s LogisticRegression. Wire both to train by gradient descent.')
  if (!r.converged) ctx.log.warn(`L-BFGS stopped after ${r.iterations} iterations before converging; scale the features.`)
  const p = predictLogistic(r.state, X, rows)
  const predicted = Float64Array.from({ length: rows }, (_, i) => {
    let best = 0
    for (let c = 1; c < classes; c++) if (p[i * classes + c] > p[i * classes + best]) best = c
    return best
  })
  return {
    state: linearNet(t, r.state.coef, r.state.intercept),
    summary: { solver: 'L-BFGS', iterations: r.iterations, C, accuracy: accuracy(t.y!, predicted) },
    // Iteration 0 is the starting point, so the curve starts where the solver did.
    history: r.trace.map((loss, i) => ({ epoch: i, loss })),
  }
}

/** Weight magnitudes of a linear network (summed over output units), for the feature-importance chart. */
export function linearNetImportance(s: GradientState): Float64Array {
  if (s.net.layers.length !== 1) throw new Error('Feature importance from weights needs a model without hidden layers.')
  const [cols, units] = s.shapes[0]
  const out = new Float64Array(cols)
  for (let j = 0; j < cols; j++) for (let c = 0; c < units; c++) out[j] += Math.abs(s.weights[0][j * units + c])
  return out
}
