import type { Stepwise } from '../stepwise'

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search,
 * for smooth convex objectives (the logistic losses here). `fg` writes the gradient into `g` and
 * returns the objective value.
 */
export interface LbfgsResult {
  x: Float64Array
  f: number
  iterations: number
  converged: boolean
  /** The objective at the start and after each iteration (the solver's loss curve). */
  trace: number[]
}

export interface LbfgsOptions {
  maxIter: number
  /** Stop when the largest gradient entry is at most this. */
  gtol: number
  /** Stored correction pairs. */
  memory?: number
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * b[i]
  return s
}

const maxAbs = (a: Float64Array) => {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]))
  return m
}

type Objective = (x: Float64Array, g: Float64Array) => number

/** Minimizes `fg` from `x0` (left untouched), yielding after each iteration (`runToEnd` runs it through). */
export function* lbfgsSteps(fg: Objective, x0: Float64Array, o: LbfgsOptions): Stepwise<LbfgsResult> {
  const n = x0.length
  const m = o.memory ?? 10
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let f = fg(x, g)
  const trace = [f]
  const S: Float64Array[] = []
  const Y: Float64Array[] = []
  const rho: number[] = []
  const d = new Float64Array(n)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  const alpha = new Float64Array(m)
  for (let iter = 0; iter < o.maxIter; iter++) {
    if (maxAbs(g) <= o.gtol) return { x, f, iterations: iter, converged: true, trace }
    direction(g, S, Y, rho, alpha, d)
    let slope = dot(g, d)
    if (slope >= 0) {
      // Not a descent direction (curvature lost to rounding): restart from steepest descent.
      S.length = Y.length = rho.length = 0
      for (let i = 0; i < n; i++) d[i] = -g[i]
      slope = dot(g, d)
    }
    // A full step would lower f by less than double precision resolves in it: the line search could
    // only halve the step on rounding noise (seen at 100 000 rows), so this is as converged as it gets.
    if (-slope <= 1e-15 * Math.max(1, Math.abs(f)) && maxAbs(g) <= Math.sqrt(o.gtol)) return { x, f, iterations: iter, converged: true, trace }
    let step = S.length ? 1 : 1 / Math.max(1e-12, Math.sqrt(-slope))
    let fNew = Infinity
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i]
      fNew = fg(xNew, gNew)
      if (fNew <= f + 1e-4 * step * slope) break
      step /= 2
    }
    if (!(fNew < f) && !(fNew <= f)) return { x, f, iterations: iter, converged: false, trace }
    const s = new Float64Array(n)
    const y = new Float64Array(n)
    for (let i = 0; i < n; i++) (s[i] = xNew[i] - x[i]), (y[i] = gNew[i] - g[i])
    const sy = dot(s, y)
    if (sy > 1e-12 * dot(y, y)) {
      if (S.length === m) S.shift(), Y.shift(), rho.shift()
      S.push(s), Y.push(y), rho.push(1 / sy)
    }
    const decrease = f - fNew
    x.set(xNew)
    g.set(gNew)
    f = fNew
    trace.push(f)
    // A step that no longer moves the objective at double precision: as converged as it gets.
    if (decrease <= 1e-15 * Math.max(1, Math.abs(f)) && maxAbs(g) <= Math.sqrt(o.gtol)) return { x, f, iterations: iter + 1, converged: true, trace }
    yield
  }
  return { x, f, iterations: o.maxIter, converged: maxAbs(g) <= o.gtol, trace }
}

/** Two-loop recursion: d = −H·g with the stored pairs and the usual initial scaling. */
function direction(g: Float64Array, S: Float64Array[], Y: Float64Array[], rho: number[], alpha: Float64Array, d: Float64Array) {
  d.set(g)
  for (let k = S.length - 1; k >= 0; k--) {
    alpha[k] = rho[k] * dot(S[k], d)
    const y = Y[k]
    for (let i = 0; i < d.length; i++) d[i] -= alpha[k] * y[i]
  }
  if (S.length) {
    const last = S.length - 1
    const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last])
    for (let i = 0; i < d.length; i++) d[i] *= gamma
  }
  for (let k = 0; k < S.length; k++) {
    const beta = rho[k] * dot(Y[k], d)
    const s = S[k]
    for (let i = 0; i < d.length; i++) d[i] += (alpha[k] - beta) * s[i]
  }
  for (let i = 0; i < d.length; i++) d[i] = -d[i]
}
