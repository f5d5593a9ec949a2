import { runToEnd, type Stepwise } from '../stepwise'
import { withLibsvm } from './libsvm/instance'

/**
 * C-SVC and epsilon-SVR as scikit-learn's SVC / SVR: the same libsvm solver on dense rows (compiled
 * to wasm by ml/svm/libsvm/build-libsvm.mjs), the same defaults (rbf kernel, C = 1, gamma 'scale',
 * degree 3, coef0 0, epsilon 0.1, tol 1e-3, shrinking). Training runs in libsvm; the fitted model is
 * kept as plain typed arrays and scored here, so predictions need no wasm and the state serializes
 * as data.
 */
export type Kernel = 'rbf' | 'poly' | 'linear' | 'sigmoid'

export interface SvmConfig {
  kernel: Kernel
  C: number
  /** 'scale' = 1 / (features · variance of X), 'auto' = 1 / features, or a value. */
  gamma: 'scale' | 'auto' | number
  degree: number
  coef0: number
  /** SVR only: the width of the tube without penalty. */
  epsilon: number
  tol: number
  shrinking: boolean
  /** SVC only: fit Platt scaling by libsvm's internal 5-fold cross-validation. */
  probability: boolean
  /** SVC with probability only: seeds libsvm's rand() for the Platt folds (scikit-learn's random_state). */
  seed: number
}

export const SVM_DEFAULTS: SvmConfig = {
  kernel: 'rbf',
  C: 1,
  gamma: 'scale',
  degree: 3,
  coef0: 0,
  epsilon: 0.1,
  tol: 1e-3,
  shrinking: true,
  probability: false,
  seed: 0,
}

export interface SvmState {
  /** 0 for regression. */
  classes: number
  kernel: Kernel
  gamma: number
  degree: number
  coef0: number
  cols: number
  /** Support vectors, nSV × cols, grouped by libsvm's class order. */
  sv: Float64Array
  /** (groups − 1) × nSV dual coefficients (one row for regression). */
  coef: Float64Array
  /** One intercept per class pair (one for regression), decision = Σ coef·K − rho. */
  rho: Float64Array
  /** Class index of each libsvm label group, in libsvm's order (first appearance in training). */
  labels: Int32Array
  /** Support vectors per label group. */
  nSV: Int32Array
  /** Platt sigmoid per class pair, when fitted with probability. */
  probA?: Float64Array
  probB?: Float64Array
}

const KERNEL_CODE: Record<Kernel, number> = { linear: 0, poly: 1, rbf: 2, sigmoid: 3 }

/** scikit-learn's gamma: 'scale' uses the variance of every entry of X together. */
export function resolveGamma(gamma: SvmConfig['gamma'], X: Float64Array, cols: number): number {
  if (typeof gamma === 'number') return gamma
  if (gamma === 'auto') return 1 / cols
  let s = 0
  let s2 = 0
  for (let i = 0; i < X.length; i++) (s += X[i]), (s2 += X[i] * X[i])
  const mean = s / X.length
  const variance = s2 / X.length - mean * mean
  return variance > 0 ? 1 / (cols * variance) : 1
}

/** Runs a stepwise fit to its end: `runCancellable(steps, signal)` in a family, so a fit can be aborted. */
export type StepRunner = <T>(steps: Stepwise<T>) => Promise<T>

/** Work between two steps of a cancellable fit: a cancel lands within this (plus the runner's own yield). */
const SLICE_MS = 5

/**
 * Fits an SVC (`classes` ≥ 2, y = class index) or an SVR (`classes` = 0). Given `run`, libsvm's
 * solver pauses every SLICE_MS and `run` steps it (and may stop it); without, it runs in one go.
 * Both give the same numbers.
 */
export async function fitSvm(X: Float64Array, rows: number, cols: number, y: Float64Array, classes: number, config: SvmConfig, run?: StepRunner): Promise<SvmState> {
  if (classes === 1) throw new Error('An SVM classifier needs at least two classes in the training rows; the target has one.')
  const gamma = resolveGamma(config.gamma, X, cols)
  const params = {
    svmType: classes ? 0 : 3,
    kernelType: KERNEL_CODE[config.kernel],
    degree: config.degree,
    gamma,
    coef0: config.coef0,
    C: config.C,
    tol: config.tol,
    epsilon: config.epsilon,
    shrinking: config.shrinking,
    probability: config.probability && classes > 0,
    // scikit-learn's default kernel cache (MB).
    cacheMb: 200,
    seed: config.seed,
  }
  const fitted = await withLibsvm((svm) =>
    run ? run(svm.train(X, y, rows, cols, params, SLICE_MS)) : Promise.resolve(runToEnd(svm.train(X, y, rows, cols, params, Infinity))),
  )
  const { coef, rho, labels, nSV, probA, probB, svIndices } = fitted
  const sv = new Float64Array(svIndices.length * cols)
  svIndices.forEach((r, k) => sv.set(X.subarray(r * cols, (r + 1) * cols), k * cols))
  return { classes, kernel: config.kernel, gamma, degree: config.degree, coef0: config.coef0, cols, sv, coef, rho, labels, nSV, ...(probA && probB ? { probA, probB } : {}) }
}

/** K(x, sv) for every support vector. */
function kernelRow(s: SvmState, X: Float64Array, row: number, out: Float64Array) {
  const c = s.cols
  const base = row * c
  for (let k = 0; k < out.length; k++) {
    let v = 0
    if (s.kernel === 'rbf') {
      for (let j = 0; j < c; j++) {
        const d = X[base + j] - s.sv[k * c + j]
        v += d * d
      }
      out[k] = Math.exp(-s.gamma * v)
      continue
    }
    for (let j = 0; j < c; j++) v += X[base + j] * s.sv[k * c + j]
    if (s.kernel === 'linear') out[k] = v
    else if (s.kernel === 'poly') out[k] = Math.pow(s.gamma * v + s.coef0, s.degree)
    else out[k] = Math.tanh(s.gamma * v + s.coef0)
  }
}

/** libsvm's decision values: rows × pairs (class pairs i < j in libsvm order; one column for SVR). */
export function svmDecision(s: SvmState, X: Float64Array, rows: number): Float64Array {
  const total = s.sv.length / s.cols
  const groups = s.classes ? s.labels.length : 1
  const pairs = s.classes ? (groups * (groups - 1)) / 2 : 1
  const start = new Int32Array(groups)
  for (let g = 1; g < groups; g++) start[g] = start[g - 1] + s.nSV[g - 1]
  const kv = new Float64Array(total)
  const out = new Float64Array(rows * pairs)
  for (let r = 0; r < rows; r++) {
    kernelRow(s, X, r, kv)
    if (!s.classes) {
      let sum = 0
      for (let k = 0; k < total; k++) sum += s.coef[k] * kv[k]
      out[r] = sum - s.rho[0]
      continue
    }
    let p = 0
    for (let i = 0; i < groups; i++) {
      for (let j = i + 1; j < groups; j++, p++) {
        let sum = 0
        // libsvm's layout: class i's vectors use coefficient row j − 1, class j's use row i.
        for (let k = 0; k < s.nSV[i]; k++) sum += s.coef[(j - 1) * total + start[i] + k] * kv[start[i] + k]
        for (let k = 0; k < s.nSV[j]; k++) sum += s.coef[i * total + start[j] + k] * kv[start[j] + k]
        out[r * pairs + p] = sum - s.rho[p]
      }
    }
  }
  return out
}
