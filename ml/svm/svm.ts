import { newLibsvm, sharedLibsvm } from './libsvm/instance'
import type { FittedNumbers } from './libsvm/instance'

/**
 * C-SVC and epsilon-SVR as scikit-learn's SVC / SVR: the same libsvm solver (compiled to wasm by
 * libsvm-js), the same defaults (rbf kernel, C = 1, gamma 'scale', degree 3, coef0 0, epsilon 0.1,
 * tol 1e-3, shrinking). Training runs in libsvm; the fitted model is kept as plain typed arrays and
 * scored here, so predictions need no wasm and the state serializes as data.
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

/** Fits an SVC (`classes` ≥ 2, y = class index) or an SVR (`classes` = 0). */
export async function fitSvm(X: Float64Array, rows: number, cols: number, y: Float64Array, classes: number, config: SvmConfig): Promise<SvmState> {
  if (classes === 1) throw new Error('An SVM classifier needs at least two classes in the training rows; the target has one.')
  const gamma = resolveGamma(config.gamma, X, cols)
  // Probability fits draw from C's rand() (libsvm's internal cross-validation): a fresh instance
  // each, so a fit never depends on the ones before it.
  const svm = config.probability && classes ? await newLibsvm() : await sharedLibsvm()
  const problem = svm.createProblem(rows, cols)
  svm.addRows(problem, X, rows, cols, y)
  const command = [
    `-s ${classes ? 0 : 3}`,
    `-t ${KERNEL_CODE[config.kernel]}`,
    `-d ${config.degree}`,
    `-g ${gamma}`,
    `-r ${config.coef0}`,
    `-c ${config.C}`,
    `-p ${config.epsilon}`,
    `-e ${config.tol}`,
    `-h ${config.shrinking ? 1 : 0}`,
    `-b ${config.probability && classes ? 1 : 0}`,
    // scikit-learn's default kernel cache (MB).
    '-m 200',
    '-q 1',
  ].join(' ')
  const model = svm.train(problem, command)
  const fitted = checked(svm.read(model), () => svm.serialize(model))
  const indices = svm.svIndices(model)
  svm.freeModel(model)
  svm.freeProblem(problem)
  const sv = new Float64Array(indices.length * cols)
  // Support vectors are copied from the training rows: the model text rounds them to 8 digits.
  indices.forEach((r, k) => sv.set(X.subarray(r * cols, (r + 1) * cols), k * cols))
  const { coef, rho, labels, nSV, probA, probB } = fitted
  return { classes, kernel: config.kernel, gamma, degree: config.degree, coef0: config.coef0, cols, sv, coef, rho, labels, nSV, ...(probA && probB ? { probA, probB } : {}) }
}

let layoutVerified = false

/**
 * The struct read must agree with libsvm's own text form (which rounds to 6 digits). Checked on
 * the first fit of a process: writing the text costs as much as training a small problem.
 */
function checked(n: FittedNumbers, text: () => string): FittedNumbers {
  if (layoutVerified) return n
  const line = text().split('\n').find((l) => l.startsWith('rho '))
  const rho = line ? line.slice(4).trim().split(/\s+/).map(Number) : []
  const same = rho.length === n.rho.length && rho.every((v, i) => Math.abs(v - n.rho[i]) <= 1e-5 * Math.max(1, Math.abs(v)))
  if (!same) throw new Error('libsvm model layout not recognised (rho differs from its text form); the libsvm-js version changed.')
  layoutVerified = true
  return n
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
