import { linearSvcSteps, svrDualSteps } from '../linear/liblinear'
import { runCancellable } from './checkpoint'
import type { FitContext, FitResult } from './family'
import type { GradientState } from './gradient'
import { linearNet } from './exact-linear'
import type { TrainingTable } from './training-table'

/**
 * Linear SVM and SVR with no loss or optimizer wired: liblinear's dual coordinate descent with
 * scikit-learn's LinearSVC / LinearSVR defaults (tol 1e-4, at most 1000 passes), stored as the
 * same one-layer network a gradient fit produces.
 */
const SOLVER = 'dual coordinate descent (liblinear)'
const TOL = 1e-4
const MAX_ITER = 1000

function report(ctx: FitContext, what: string, converged: boolean) {
  ctx.log.info(`No loss or optimizer wired: solved by ${SOLVER}, as scikit-learn's ${what}. Wire both to train by gradient descent.`)
  if (!converged) ctx.log.warn(`The solver stopped after ${MAX_ITER} passes before converging (as scikit-learn's ConvergenceWarning); standardize the features or lower C.`)
}

/** LinearSVC: squared hinge, L2, one class against the rest. */
export async function fitExactLinearSvc(t: TrainingTable, C: number, ctx: FitContext): Promise<FitResult<GradientState>> {
  const { values: X, rows, cols } = t.X
  const r = await runCancellable(linearSvcSteps(X, rows, cols, t.y!, t.classes!.length, { C, tol: TOL, maxIter: MAX_ITER, random: ctx.random }), ctx.signal)
  report(ctx, 'LinearSVC', r.converged)
  return {
    state: linearNet(t, r.coef, r.intercept),
    summary: { solver: SOLVER, passes: r.iterations, C },
    history: r.trace.map((p) => ({ epoch: p.pass, loss: p.objective })),
  }
}

/** LinearSVR: epsilon-insensitive loss, L2. */
export async function fitExactLinearSvr(t: TrainingTable, C: number, epsilon: number, ctx: FitContext): Promise<FitResult<GradientState>> {
  const { values: X, rows, cols } = t.X
  if (!(C > 0)) throw new Error(`C must be > 0 (got ${C}).`)
  const r = await runCancellable(svrDualSteps(X, rows, cols, t.y!, epsilon, { C, tol: TOL, maxIter: MAX_ITER, random: ctx.random }), ctx.signal)
  report(ctx, 'LinearSVR', r.converged)
  return {
    state: linearNet(t, r.w.subarray(0, cols), [r.w[cols]]),
    summary: { solver: SOLVER, passes: r.iterations, C, epsilon },
    history: r.trace.map((p) => ({ epoch: p.pass, loss: p.objective })),
  }
}
