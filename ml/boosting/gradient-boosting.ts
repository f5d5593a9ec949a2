import { growTree, leafOfRow, presort, type RegressionTree } from './residual-tree'

/**
 * Classic gradient boosting as scikit-learn's GradientBoostingClassifier / Regressor with its
 * defaults: 100 stages, learning rate 0.1, depth-3 trees on the negative gradient, initial
 * prediction from the prior (mean, class log-odds or log-priors), Newton-step leaf values for log
 * loss, one tree per class and stage for more than two classes. Optional early stopping on a
 * held-out validation set (scikit-learn's n_iter_no_change / tol).
 */
export interface BoostingOptions {
  nEstimators: number
  learningRate: number
  maxDepth: number
  /** Stop when the validation loss has not improved by `tol` for this many stages (0 = never). */
  nIterNoChange: number
  tol: number
}

export const BOOSTING_DEFAULTS: BoostingOptions = { nEstimators: 100, learningRate: 0.1, maxDepth: 3, nIterNoChange: 0, tol: 1e-4 }

export interface BoostingState {
  /** 0 for regression. */
  classes: number
  cols: number
  learningRate: number
  /** Raw prediction before any tree, per output (1, or classes when > 2). */
  init: Float64Array
  /** stages × outputs trees, stage-major. */
  trees: RegressionTree[]
  /** Impurity importance, normalized to sum 1 (scikit-learn's feature_importances_). */
  importance: Float64Array
}

export interface Rows {
  X: Float64Array
  y: Float64Array
  rows: number
}

export interface BoostingContext {
  random: () => number
  /** Awaited after each stage: report progress, yield to the event loop, throw to cancel. */
  onStage?: (stage: number, total: number) => Promise<void> | void
  validation?: Rows
}

/** Fits on class indices (classes ≥ 2) or values (classes = 0). */
export async function fitBoosting(train: Rows, cols: number, classes: number, o: BoostingOptions, ctx: BoostingContext) {
  if (classes === 1) throw new Error('Gradient boosting classification needs at least two classes in the training rows; the target has one.')
  const { X, y, rows } = train
  const k = classes > 2 ? classes : 1
  const init = initialRaw(y, rows, classes)
  const raw = new Float64Array(rows * k)
  for (let i = 0; i < rows; i++) raw.set(init, i * k)
  const sorted = presort(X, cols, Int32Array.from({ length: rows }, (_, i) => i))
  const residual = new Float64Array(rows)
  const trees: RegressionTree[] = []
  const gain = new Float64Array(cols)
  let counted = 0
  const val = ctx.validation && o.nIterNoChange > 0 ? ctx.validation : undefined
  const valRaw = val ? new Float64Array(val.rows * k) : undefined
  if (val && valRaw) for (let i = 0; i < val.rows; i++) valRaw.set(init, i * k)
  let bestLoss = Infinity
  let sinceBest = 0
  let stages = 0
  for (let stage = 0; stage < o.nEstimators; stage++) {
    const probs = classes ? probabilities(raw, rows, k) : raw
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < rows; i++) residual[i] = target(y[i], c, classes) - probs[i * k + c]
      const grown = growTree(X, cols, residual, sorted, o.maxDepth, ctx.random, rows)
      setLeafValues(grown.tree, grown.leafOf, residual, rows, classes, k)
      for (let i = 0; i < rows; i++) raw[i * k + c] += o.learningRate * grown.tree.value[grown.leafOf[i]]
      if (grown.tree.feature.length > 1) {
        counted++
        for (let j = 0; j < cols; j++) gain[j] += grown.gain[j]
      }
      trees.push(grown.tree)
    }
    stages = stage + 1
    await ctx.onStage?.(stages, o.nEstimators)
    if (val && valRaw) {
      addStage(valRaw, val.X, val.rows, cols, trees.slice(-k), o.learningRate, k)
      const loss = lossOf(valRaw, val.y, val.rows, classes, k)
      if (loss < bestLoss - o.tol) (bestLoss = loss), (sinceBest = 0)
      else if (++sinceBest >= o.nIterNoChange) break
    }
  }
  const total = gain.reduce((a, b) => a + b, 0)
  const importance = Float64Array.from(gain, (g) => (counted && total > 0 ? g / total : 0))
  const state: BoostingState = { classes, cols, learningRate: o.learningRate, init, trees, importance }
  return { state, stages, trainLoss: lossOf(raw, y, rows, classes, k) }
}

function target(y: number, c: number, classes: number): number {
  if (!classes) return y
  return classes === 2 ? y : y === c ? 1 : 0
}

/** scikit-learn's prior: the mean, log(p/(1−p)), or log(p_k), probabilities clipped to float32 eps. */
function initialRaw(y: Float64Array, rows: number, classes: number): Float64Array {
  if (!classes) return Float64Array.of(y.reduce((a, b) => a + b, 0) / rows)
  const counts = new Float64Array(classes)
  for (let i = 0; i < rows; i++) counts[y[i]]++
  const eps = 1.1920928955078125e-7
  const p = Float64Array.from(counts, (c) => Math.min(Math.max(c / rows, eps), 1 - eps))
  return classes === 2 ? Float64Array.of(Math.log(p[1] / (1 - p[1]))) : Float64Array.from(p, Math.log)
}

/** Leaf values: mean residual (squared error) or the log-loss Newton step Σr / Σp(1−p), × (K−1)/K for K classes. */
function setLeafValues(tree: RegressionTree, leafOf: Int32Array, r: Float64Array, rows: number, classes: number, k: number) {
  const num = new Float64Array(tree.feature.length)
  const den = new Float64Array(tree.feature.length)
  for (let i = 0; i < rows; i++) {
    const leaf = leafOf[i]
    num[leaf] += r[i]
    if (!classes) den[leaf] += 1
    else {
      // With r = y − p: (y − r)(1 − y + r) = p(1 − p) for y ∈ {0, 1}.
      const p = Math.abs(r[i]) // |y − p| is p or 1 − p; the product is the same either way
      den[leaf] += p * (1 - p)
    }
  }
  const factor = classes > 2 ? (k - 1) / k : 1
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] >= 0) continue
    tree.value[node] = Math.abs(den[node]) < 1e-150 ? 0 : (factor * num[node]) / den[node]
  }
}

function probabilities(raw: Float64Array, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows * k)
  for (let i = 0; i < rows; i++) {
    if (k === 1) {
      out[i] = 1 / (1 + Math.exp(-raw[i]))
      continue
    }
    let max = -Infinity
    for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c])
    let sum = 0
    for (let c = 0; c < k; c++) sum += out[i * k + c] = Math.exp(raw[i * k + c] - max)
    for (let c = 0; c < k; c++) out[i * k + c] /= sum
  }
  return out
}

function addStage(raw: Float64Array, X: Float64Array, rows: number, cols: number, stageTrees: RegressionTree[], lr: number, k: number) {
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) raw[i * k + c] += lr * stageTrees[c].value[leafOfRow(stageTrees[c], X, cols, i)]
}

/** scikit-learn's train_score_ losses: squared error, binomial deviance (2 × log loss), multinomial log loss. */
function lossOf(raw: Float64Array, y: Float64Array, rows: number, classes: number, k: number): number {
  let s = 0
  for (let i = 0; i < rows; i++) {
    if (!classes) s += (y[i] - raw[i]) ** 2
    else if (k === 1) {
      const z = raw[i]
      s += 2 * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z)
    } else {
      let max = -Infinity
      for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c])
      let sum = 0
      for (let c = 0; c < k; c++) sum += Math.exp(raw[i * k + c] - max)
      s += max + Math.log(sum) - raw[i * k + y[i]]
    }
  }
  return s / rows
}

/** Raw scores rows × outputs: the value (regression), the log-odds (two classes) or class logits. */
export function boostingRaw(s: BoostingState, X: Float64Array, rows: number): Float64Array {
  const k = s.init.length
  const raw = new Float64Array(rows * k)
  for (let i = 0; i < rows; i++) raw.set(s.init, i * k)
  for (let t = 0; t < s.trees.length; t += k) addStage(raw, X, rows, s.cols, s.trees.slice(t, t + k), s.learningRate, k)
  return raw
}

/** Predicted values (regression) or rows × classes probabilities (classification). */
export function predictBoosting(s: BoostingState, X: Float64Array, rows: number): Float64Array {
  const raw = boostingRaw(s, X, rows)
  if (!s.classes) return raw
  const k = s.init.length
  const p = probabilities(raw, rows, k)
  if (k > 1) return p
  const out = new Float64Array(rows * 2)
  for (let i = 0; i < rows; i++) (out[i * 2] = 1 - p[i]), (out[i * 2 + 1] = p[i])
  return out
}
