import { runToEnd, type Stepwise } from '../stepwise'
import { shuffleInPlace } from '../table/random'

/**
 * Dual coordinate descent for L2-regularized linear SVMs, as liblinear's solve_l2r_l1l2_svc and
 * solve_l2r_l1l2_svr (Hsieh et al. 2008; Ho & Lin 2012), which scikit-learn's LinearSVC and
 * LinearSVR call with their defaults (dual=True). As liblinear with fit_intercept, the intercept is
 * a weight on an extra feature of constant value 1 (intercept_scaling) and so is regularized too.
 * The order of the coordinates is shuffled each pass from `random` (liblinear uses its own rand());
 * the squared-hinge optimum is unique, so only the last digits within `tol` depend on it.
 */
export interface DualOptions {
  C: number
  tol: number
  maxIter: number
  random: () => number
}

/** A point of the solver's loss curve: the primal objective after a pass. */
export interface TracePoint {
  pass: number
  objective: number
}

export interface DualResult {
  /** cols weights, then the intercept. */
  w: Float64Array
  iterations: number
  converged: boolean
  /** The primal objective after the passes `traced` picks and after the last one. */
  trace: TracePoint[]
}

/**
 * Passes whose primal objective goes on the loss curve: each of the first 10, every 10th to 100,
 * every 100th to 1000. The objective costs a pass over all rows, which the solver's own passes over
 * a shrunken active set do not: taken after every pass it doubled the fit time.
 */
function traced(pass: number): boolean {
  let step = 1
  while (step * 10 <= pass) step *= 10
  return pass % step === 0
}

/** Row i of X with the constant intercept feature appended, dotted with w. */
function dotRow(X: Float64Array, cols: number, i: number, w: Float64Array): number {
  let s = w[cols]
  const base = i * cols
  for (let j = 0; j < cols; j++) s += X[base + j] * w[j]
  return s
}

function addRow(X: Float64Array, cols: number, i: number, w: Float64Array, d: number): void {
  const base = i * cols
  for (let j = 0; j < cols; j++) w[j] += d * X[base + j]
  w[cols] += d
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]
  a[i] = a[j]
  a[j] = t
}

function squaredNorms(X: Float64Array, rows: number, cols: number, extra: number): Float64Array {
  const q = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let s = 1 + extra
    for (let j = 0; j < cols; j++) s += X[i * cols + j] ** 2
    q[i] = s
  }
  return q
}

const halfNorm = (w: Float64Array) => 0.5 * w.reduce((s, v) => s + v * v, 0)

/** ½‖w‖² + C·Σ max(0, 1 − y·f)², with y = ±1 (LinearSVC's squared hinge, one class against the rest). */
export function svcObjective(X: Float64Array, rows: number, cols: number, y: Float64Array, w: Float64Array, C: number): number {
  let loss = 0
  for (let i = 0; i < rows; i++) loss += Math.max(0, 1 - y[i] * dotRow(X, cols, i, w)) ** 2
  return halfNorm(w) + C * loss
}

interface SvcProblem {
  X: Float64Array
  cols: number
  y: Float64Array
  w: Float64Array
  alpha: Float64Array
  QD: Float64Array
  diag: number
  index: Int32Array
}

/** One pass over the active coordinates (a plain function: V8 optimizes its loop better than a generator's). */
function svcPass(p: SvcProblem, active: number, pgMaxOld: number) {
  const { X, cols, y, w, alpha, QD, diag, index } = p
  let pgMax = -Infinity
  let pgMin = Infinity
  for (let s = 0; s < active; s++) {
    const i = index[s]
    const G = y[i] * dotRow(X, cols, i, w) - 1 + alpha[i] * diag
    let PG = 0
    if (alpha[i] === 0) {
      if (G > pgMaxOld) {
        // Shrinking: a bound variable whose gradient points outward stays out of the next passes.
        active--
        swap(index, s, active)
        s--
        continue
      }
      if (G < 0) PG = G
    } else PG = G
    pgMax = Math.max(pgMax, PG)
    pgMin = Math.min(pgMin, PG)
    if (Math.abs(PG) > 1e-12) {
      const old = alpha[i]
      alpha[i] = Math.max(alpha[i] - G / QD[i], 0)
      addRow(X, cols, i, w, (alpha[i] - old) * y[i])
    }
  }
  return { pgMax, pgMin, active }
}

/** Squared-hinge L2 SVC by dual coordinate descent; labels y are ±1. Yields after each pass. */
function* svcDualSteps(X: Float64Array, rows: number, cols: number, y: Float64Array, o: DualOptions): Stepwise<DualResult> {
  const diag = 0.5 / o.C
  const QD = squaredNorms(X, rows, cols, diag)
  const w = new Float64Array(cols + 1)
  const alpha = new Float64Array(rows)
  const index = Int32Array.from({ length: rows }, (_, i) => i)
  let active = rows
  let pgMaxOld = Infinity
  const trace: TracePoint[] = []
  let iter = 0
  while (iter < o.maxIter) {
    shuffleInPlace(index.subarray(0, active), o.random)
    const pass = svcPass({ X, cols, y, w, alpha, QD, diag, index }, active, pgMaxOld)
    const { pgMax, pgMin } = pass
    active = pass.active
    iter++
    const settled = pgMax - pgMin <= o.tol
    const converged = settled && active === rows
    if (converged || iter === o.maxIter || traced(iter)) trace.push({ pass: iter, objective: svcObjective(X, rows, cols, y, w, o.C) })
    if (converged) return { w, iterations: iter, converged, trace }
    if (settled) {
      active = rows
      pgMaxOld = Infinity
      continue
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax
    yield
  }
  return { w, iterations: iter, converged: false, trace }
}

/** ½‖w‖² + C·Σ max(0, |y − f| − epsilon) (LinearSVR's epsilon-insensitive loss). */
export function svrObjective(X: Float64Array, rows: number, cols: number, y: Float64Array, w: Float64Array, C: number, epsilon: number): number {
  let loss = 0
  for (let i = 0; i < rows; i++) loss += Math.max(0, Math.abs(y[i] - dotRow(X, cols, i, w)) - epsilon)
  return halfNorm(w) + C * loss
}

/** The Newton step of one SVR dual coordinate, clipped to [−C, C] (liblinear's solve_l2r_l1l2_svr, L1 loss). */
function svrStep(beta: number, G: number, H: number, epsilon: number, C: number): number {
  const Gp = G + epsilon
  const Gn = G - epsilon
  let d: number
  if (Gp < H * beta) d = -Gp / H
  else if (Gn > H * beta) d = -Gn / H
  else d = -beta
  if (Math.abs(d) < 1e-12) return beta
  return Math.min(Math.max(beta + d, -C), C)
}

/** How far coordinate beta is from optimal (0 at the optimum); NaN when it should be shrunk. */
function svrViolation(beta: number, G: number, epsilon: number, C: number, gMaxOld: number): number {
  const Gp = G + epsilon
  const Gn = G - epsilon
  if (beta === 0) {
    if (Gp < 0) return -Gp
    if (Gn > 0) return Gn
    return Gp > gMaxOld && Gn < -gMaxOld ? NaN : 0
  }
  if (beta >= C) return Gp > 0 ? Gp : Gp < -gMaxOld ? NaN : 0
  if (beta <= -C) return Gn < 0 ? -Gn : Gn > gMaxOld ? NaN : 0
  return beta > 0 ? Math.abs(Gp) : Math.abs(Gn)
}

/** Epsilon-insensitive L2 SVR by dual coordinate descent. */
export function solveSvrDual(X: Float64Array, rows: number, cols: number, y: Float64Array, epsilon: number, o: DualOptions): DualResult {
  return runToEnd(svrDualSteps(X, rows, cols, y, epsilon, o))
}

/** The same fit, yielding after each pass. */
export function* svrDualSteps(X: Float64Array, rows: number, cols: number, y: Float64Array, epsilon: number, o: DualOptions): Stepwise<DualResult> {
  const QD = squaredNorms(X, rows, cols, 0)
  const w = new Float64Array(cols + 1)
  const beta = new Float64Array(rows)
  const index = Int32Array.from({ length: rows }, (_, i) => i)
  let active = rows
  let gMaxOld = Infinity
  let gNormInit = 0
  const trace: TracePoint[] = []
  let iter = 0
  while (iter < o.maxIter) {
    let gMax = 0
    let gNorm = 0
    shuffleInPlace(index.subarray(0, active), o.random)
    for (let s = 0; s < active; s++) {
      const i = index[s]
      const G = dotRow(X, cols, i, w) - y[i]
      const violation = svrViolation(beta[i], G, epsilon, o.C, gMaxOld)
      if (Number.isNaN(violation)) {
        active--
        swap(index, s, active)
        s--
        continue
      }
      gMax = Math.max(gMax, violation)
      gNorm += violation
      const next = svrStep(beta[i], G, QD[i], epsilon, o.C)
      if (next !== beta[i]) {
        addRow(X, cols, i, w, next - beta[i])
        beta[i] = next
      }
    }
    if (iter === 0) gNormInit = gNorm
    iter++
    const settled = gNorm <= o.tol * gNormInit
    const converged = settled && active === rows
    if (converged || iter === o.maxIter || traced(iter)) trace.push({ pass: iter, objective: svrObjective(X, rows, cols, y, w, o.C, epsilon) })
    if (converged) return { w, iterations: iter, converged, trace }
    if (settled) {
      active = rows
      gMaxOld = Infinity
      continue
    }
    gMaxOld = gMax
    yield
  }
  return { w, iterations: iter, converged: false, trace }
}

export interface LinearSvcFit {
  /** One weight row per class (one row for two classes: the second class's score). */
  coef: Float64Array
  intercept: Float64Array
  iterations: number
  converged: boolean
  /** Summed over the one-vs-rest problems. */
  trace: TracePoint[]
}

/** scikit-learn's LinearSVC: one squared-hinge SVM per class against the rest (one for two classes). */
export function fitLinearSvc(X: Float64Array, rows: number, cols: number, y: Float64Array, classes: number, o: DualOptions): LinearSvcFit {
  return runToEnd(linearSvcSteps(X, rows, cols, y, classes, o))
}

/** The same fit, yielding after each pass of each one-vs-rest problem. */
export function* linearSvcSteps(X: Float64Array, rows: number, cols: number, y: Float64Array, classes: number, o: DualOptions): Stepwise<LinearSvcFit> {
  if (classes < 2) throw new Error('A linear SVM needs at least two classes in the training rows; the target has one.')
  if (!(o.C > 0)) throw new Error(`C must be > 0 (got ${o.C}).`)
  const k = classes === 2 ? 1 : classes
  const coef = new Float64Array(k * cols)
  const intercept = new Float64Array(k)
  const traces: TracePoint[][] = []
  let iterations = 0
  let converged = true
  for (let c = 0; c < k; c++) {
    const positive = k === 1 ? 1 : c
    const yc = y.map((v) => (v === positive ? 1 : -1))
    const r = yield* svcDualSteps(X, rows, cols, yc, o)
    coef.set(r.w.subarray(0, cols), c * cols)
    intercept[c] = r.w[cols]
    traces.push(r.trace)
    iterations = Math.max(iterations, r.iterations)
    converged &&= r.converged
  }
  return { coef, intercept, iterations, converged, trace: sumTraces(traces) }
}

/**
 * The one-vs-rest objective at every pass some problem traced: each problem's value at its latest
 * traced pass up to there. Exact, since a problem still running traces the same passes as the
 * others and one that stopped keeps its last value.
 */
function sumTraces(traces: TracePoint[][]): TracePoint[] {
  const passes = [...new Set(traces.flatMap((t) => t.map((p) => p.pass)))].sort((a, b) => a - b)
  const at = (t: TracePoint[], pass: number) => t.findLast((p) => p.pass <= pass)?.objective ?? 0
  return passes.map((pass) => ({ pass, objective: traces.reduce((sum, t) => sum + at(t, pass), 0) }))
}
