import { runToEnd, type Stepwise } from '../stepwise'
import { center, withIntercept, type LinearFit } from './centered'

/**
 * Elastic net and lasso by cyclic coordinate descent, as scikit-learn's ElasticNet / Lasso
 * (cd_fast.enet_coordinate_descent): minimizes
 *   1/(2n)·‖y − Xw − b‖² + alpha·l1Ratio·‖w‖₁ + ½·alpha·(1 − l1Ratio)·‖w‖²,
 * with the same stopping rule: after a sweep whose largest weight change is below tol × the largest
 * weight, the duality gap is checked against tol·‖y‖².
 */
export interface ElasticNetOptions {
  alpha: number
  /** 1 = lasso, 0 = ridge-like (scikit-learn's l1_ratio). */
  l1Ratio: number
  maxIter: number
  tol: number
}

export const ELASTIC_NET_DEFAULTS: ElasticNetOptions = { alpha: 1, l1Ratio: 0.5, maxIter: 1000, tol: 1e-4 }
export const LASSO_DEFAULTS: ElasticNetOptions = { ...ELASTIC_NET_DEFAULTS, l1Ratio: 1 }

export type ElasticNetFit = LinearFit & { iterations: number; gap: number; converged: boolean; trace: number[] }

export function fitElasticNet(X: Float64Array, rows: number, cols: number, y: Float64Array, o: ElasticNetOptions): ElasticNetFit {
  return runToEnd(elasticNetSteps(X, rows, cols, y, o))
}

/** The same fit, yielding after each sweep. */
export function* elasticNetSteps(X: Float64Array, rows: number, cols: number, y: Float64Array, o: ElasticNetOptions): Stepwise<ElasticNetFit> {
  if (!(o.alpha >= 0)) throw new Error(`alpha must be ≥ 0 (got ${o.alpha}).`)
  if (!(o.l1Ratio >= 0 && o.l1Ratio <= 1)) throw new Error(`l1Ratio must be between 0 and 1 (got ${o.l1Ratio}).`)
  const c = center(X, rows, cols, y)
  const { Xc, yc } = c
  const n = rows
  const l1 = o.alpha * o.l1Ratio * n
  const l2 = o.alpha * (1 - o.l1Ratio) * n
  const norms = new Float64Array(cols)
  for (let j = 0; j < cols; j++) for (let i = 0; i < n; i++) norms[j] += Xc[j * n + i] * Xc[j * n + i]
  const w = new Float64Array(cols)
  const R = Float64Array.from(yc)
  let yy = 0
  for (let i = 0; i < n; i++) yy += yc[i] * yc[i]
  const gapTol = o.tol * yy
  let gap = Infinity
  let iterations = 0
  // The objective after each sweep (the solver's loss curve): O(rows + cols), against a sweep's O(rows·cols).
  const trace: number[] = []
  for (let iter = 0; iter < o.maxIter; iter++) {
    iterations = iter + 1
    const { wMax, dwMax } = sweep(Xc, n, cols, norms, w, R, l1, l2)
    trace.push(objective(R, w, l1, l2, n))
    if (wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1) {
      gap = dualityGap(Xc, n, cols, yc, R, w, l1, l2)
      if (gap < gapTol) return { ...withIntercept(c, w), iterations, gap, converged: true, trace }
    }
    yield
  }
  return { ...withIntercept(c, w), iterations, gap, converged: false, trace }
}

/** One cyclic pass over the coordinates, updating w and the residual R in place. */
function sweep(Xc: Float64Array, n: number, cols: number, norms: Float64Array, w: Float64Array, R: Float64Array, l1: number, l2: number) {
  let wMax = 0
  let dwMax = 0
  for (let j = 0; j < cols; j++) {
    if (norms[j] === 0) continue
    const off = j * n
    const old = w[j]
    if (old !== 0) for (let i = 0; i < n; i++) R[i] += old * Xc[off + i]
    let t = 0
    for (let i = 0; i < n; i++) t += Xc[off + i] * R[i]
    const next = (Math.sign(t) * Math.max(Math.abs(t) - l1, 0)) / (norms[j] + l2)
    w[j] = next
    if (next !== 0) for (let i = 0; i < n; i++) R[i] -= next * Xc[off + i]
    dwMax = Math.max(dwMax, Math.abs(next - old))
    wMax = Math.max(wMax, Math.abs(next))
  }
  return { wMax, dwMax }
}

/** 1/(2n)·‖R‖² + (l1·‖w‖₁ + ½·l2·‖w‖²)/n, with l1 and l2 already scaled by n. */
function objective(R: Float64Array, w: Float64Array, l1: number, l2: number, n: number): number {
  let rr = 0
  for (let i = 0; i < n; i++) rr += R[i] * R[i]
  let a = 0
  let q = 0
  for (let j = 0; j < w.length; j++) (a += Math.abs(w[j])), (q += w[j] * w[j])
  return (0.5 * rr + l1 * a + 0.5 * l2 * q) / n
}

function dualityGap(Xc: Float64Array, n: number, cols: number, y: Float64Array, R: Float64Array, w: Float64Array, l1: number, l2: number): number {
  let dualNorm = 0
  let wNorm2 = 0
  let l1Norm = 0
  for (let j = 0; j < cols; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += Xc[j * n + i] * R[i]
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]))
    wNorm2 += w[j] * w[j]
    l1Norm += Math.abs(w[j])
  }
  let rNorm2 = 0
  let ry = 0
  for (let i = 0; i < n; i++) (rNorm2 += R[i] * R[i]), (ry += R[i] * y[i])
  let scale = 1
  let gap = rNorm2
  if (dualNorm > l1) {
    scale = l1 / dualNorm
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale)
  }
  return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2
}
