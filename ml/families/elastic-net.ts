import { p } from '../../runtime/values/params'
import { ELASTIC_NET_DEFAULTS, elasticNetSteps, type ElasticNetOptions } from '../linear/elastic-net'
import { runCancellable } from './checkpoint'
import type { FitContext } from './family'
import type { TrainingTable } from './training-table'
import { defineFamily } from './family'
import { linearParts, linearSummary } from './linear-state'

/** Params shared by lasso and elastic net (scikit-learn's names and defaults). */
export const coordinateDescentConfig = () => ({
  alpha: p.number({
    default: 1,
    min: 0,
    max: 1e9,
    title: 'Alpha',
    description: 'Penalty strength (scikit-learn\'s alpha): objective = ‖y − Xw − b‖² / (2·rows) + alpha · penalty.',
  }),
  maxIter: p.int({ default: 1000, min: 1, max: 1_000_000, title: 'Max sweeps', advanced: true }),
  tol: p.number({ default: 1e-4, gt: 0, max: 1, title: 'Tolerance', description: 'Duality-gap tolerance, relative to ‖y‖².', advanced: true }),
})

/** Fits by coordinate descent; warns as scikit-learn does when the duality gap is still open. */
export async function fitCoordinateDescent(t: TrainingTable, o: ElasticNetOptions, ctx: FitContext) {
  const s = await runCancellable(elasticNetSteps(t.X.values, t.X.rows, t.X.cols, t.y!, o), ctx.signal)
  if (!s.converged) ctx.log.warn(`Coordinate descent did not converge in ${o.maxIter} sweeps (duality gap ${s.gap.toPrecision(3)}); raise Max sweeps or scale the features.`)
  const state = { coef: s.coef, intercept: s.intercept }
  return {
    state,
    summary: linearSummary(state, { solver: 'coordinate descent', sweeps: s.iterations }),
    history: s.trace.map((loss, i) => ({ epoch: i + 1, loss })),
  }
}

/** scikit-learn's ElasticNet: an L1 + L2 penalty mix. */
export const elasticNet = defineFamily({
  id: 'elastic-net',
  title: 'Elastic net',
  description:
    'Linear regression with a mix of L1 (sets weights to exactly zero) and L2 (shrinks them) penalties, fitted by coordinate ' +
    'descent as scikit-learn\'s ElasticNet: penalty = l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖². Standardize the features first.',
  tasks: ['regression'],
  gradient: false,
  config: () => ({
    ...coordinateDescentConfig(),
    l1Ratio: p.number({ default: ELASTIC_NET_DEFAULTS.l1Ratio, min: 0, max: 1, title: 'L1 ratio', description: '1 = lasso, 0 = ridge-like.' }),
  }),
  fit: (t, config, ctx) => fitCoordinateDescent(t, config, ctx),
  ...linearParts('elastic net'),
})
