import type { EpochRecord } from '../../runtime/values/ml'
import { holdOut } from '../table/hold-out'
import type { BoostingState, Rows } from './gradient-boosting'
import { boostingRaw } from './gradient-boosting'
import { binMatrix, binThresholds } from './hist-binning'
import { growHistTree, type HistData } from './hist-tree'
import { leafOfRow, type RegressionTree } from './residual-tree'

/**
 * scikit-learn's HistGradientBoostingClassifier / Regressor with its defaults: 100 iterations,
 * learning rate 0.1, 31 leaves, 20 rows per leaf, no L2, 255 bins; early stopping 'auto' (on for
 * more than 10 000 rows: 10 % held out, stop when the validation loss has not improved by 1e-7 in
 * 10 iterations). Losses: half squared error, log loss, multinomial log loss (one tree per class).
 * The state is the classic boosting's (thresholds on raw values), so it predicts the same way.
 */
export interface HistOptions {
  maxIter: number
  learningRate: number
  maxLeafNodes: number
  minSamplesLeaf: number
  l2: number
  maxBins: number
  earlyStopping: 'auto' | 'on' | 'off'
  nIterNoChange: number
  tol: number
}

export const HIST_DEFAULTS: HistOptions = {
  maxIter: 100,
  learningRate: 0.1,
  maxLeafNodes: 31,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
  earlyStopping: 'auto',
  nIterNoChange: 10,
  tol: 1e-7,
}

/** 'auto' turns early stopping on above this many rows, as scikit-learn. */
export const AUTO_EARLY_STOPPING_ROWS = 10_000

export interface HistContext {
  random: () => number
  onIteration?: (done: number, total: number) => Promise<void> | void
}

function baseline(y: Float64Array, classes: number): Float64Array {
  const n = y.length
  if (!classes) return Float64Array.of(y.reduce((a, b) => a + b, 0) / n)
  const eps = 2.220446049250313e-16
  const counts = new Float64Array(classes)
  for (const v of y) counts[v]++
  const p = Float64Array.from(counts, (c) => Math.min(Math.max(c / n, eps), 1 - eps))
  if (classes === 2) return Float64Array.of(Math.log(p[1] / (1 - p[1])))
  const logs = Float64Array.from(p, Math.log)
  const mean = logs.reduce((a, b) => a + b, 0) / classes
  return logs.map((v) => v - mean)
}

/** Mean loss of raw scores (scikit-learn's half squared error, or log loss) and, when asked, gradients and hessians. */
function lossAndGradients(raw: Float64Array, y: Float64Array, classes: number, k: number, g?: Float32Array[], h?: Float32Array[]): number {
  const n = y.length
  let loss = 0
  const p = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    if (!classes) {
      const r = raw[i] - y[i]
      loss += 0.5 * r * r
      if (g) (g[0][i] = r), (h![0][i] = 1)
    } else if (k === 1) {
      const z = raw[i]
      const e = Math.exp(-Math.abs(z))
      loss += (z > 0 ? z : 0) + Math.log1p(e) - y[i] * z
      const q = z >= 0 ? 1 / (1 + e) : e / (1 + e)
      if (g) (g[0][i] = q - y[i]), (h![0][i] = q * (1 - q))
    } else {
      let max = -Infinity
      for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c])
      let sum = 0
      for (let c = 0; c < k; c++) sum += p[c] = Math.exp(raw[i * k + c] - max)
      loss += Math.log(sum) + max - raw[i * k + y[i]]
      if (g) for (let c = 0; c < k; c++) (g[c][i] = p[c] / sum - (c === y[i] ? 1 : 0)), (h![c][i] = (p[c] / sum) * (1 - p[c] / sum))
    }
  }
  return loss / n
}

/** scikit-learn's _should_stop: no score in the last n beats the one before them by more than tol. */
function shouldStop(losses: number[], n: number, tol: number): boolean {
  if (losses.length < n + 1) return false
  const reference = -losses[losses.length - n - 1] + tol
  return !losses.slice(-n).some((l) => -l > reference)
}

/** Fits on class indices (classes ≥ 2) or values (classes = 0). */
export async function fitHistBoosting(all: Rows, cols: number, classes: number, o: HistOptions, ctx: HistContext) {
  if (classes === 1) throw new Error('Gradient boosting classification needs at least two classes in the training rows; the target has one.')
  const stopping = o.earlyStopping === 'on' || (o.earlyStopping === 'auto' && all.rows > AUTO_EARLY_STOPPING_ROWS)
  const held = stopping ? holdOut(all.X, all.y, all.rows, cols, classes > 0, ctx.random) : undefined
  const train = held ? held.train : all
  const val = held?.val
  const thresholds = binThresholds(train.X, train.rows, cols, o.maxBins)
  const d: HistData = { binned: binMatrix(train.X, train.rows, cols, thresholds), rows: train.rows, cols, nBins: Int32Array.from(thresholds, (t) => t.length + 1), thresholds }
  const k = classes > 2 ? classes : 1
  const init = baseline(train.y, classes)
  const raw = new Float64Array(train.rows * k)
  for (let i = 0; i < train.rows; i++) raw.set(init, i * k)
  // float32 gradients and hessians, as scikit-learn's (G_H_DTYPE): sums of equal values stay exact.
  const g = Array.from({ length: k }, () => new Float32Array(train.rows))
  const h = Array.from({ length: k }, () => new Float32Array(train.rows))
  const trees: RegressionTree[] = []
  const gains = new Float64Array(cols)
  const state: BoostingState = { classes, cols, learningRate: o.learningRate, init, trees, importance: gains }
  const history: EpochRecord[] = []
  const valRaw = val ? boostingRaw(state, val.X, val.rows) : new Float64Array(0)
  const valLosses = val ? [lossAndGradients(valRaw, val.y, classes, k)] : []
  for (let it = 0; it < o.maxIter; it++) {
    lossAndGradients(raw, train.y, classes, k, g, h)
    for (let c = 0; c < k; c++) {
      const { tree, leafValue } = growHistTree(d, g[c], h[c], o, gains)
      trees.push(tree)
      for (let i = 0; i < train.rows; i++) raw[i * k + c] += o.learningRate * leafValue[i]
      if (val) for (let i = 0; i < val.rows; i++) valRaw[i * k + c] += o.learningRate * tree.value[leafOfRow(tree, val.X, cols, i)]
    }
    const record: EpochRecord = { epoch: it + 1, loss: lossAndGradients(raw, train.y, classes, k) }
    if (val) valLosses.push((record.valLoss = lossAndGradients(valRaw, val.y, classes, k)))
    history.push(record)
    await ctx.onIteration?.(it + 1, o.maxIter)
    if (val && shouldStop(valLosses, o.nIterNoChange, o.tol)) break
  }
  const total = gains.reduce((a, b) => a + b, 0)
  state.importance = total > 0 ? gains.map((v) => v / total) : gains
  return { state, history, iterations: history.length, heldOut: val?.rows ?? 0 }
}
