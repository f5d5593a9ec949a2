import { EPSILON_DEFAULT, type Head, type LossChoice } from '../nn/loss'
import type { NetDef, NetWeights } from '../nn/net'

/**
 * Gradient training works in standardized units: features (when the first layer is dense) and a
 * regression target are scaled to mean 0 and standard deviation 1 before training, and the scales
 * are folded back into the first and last layers afterwards, so the stored network reads raw rows
 * and predicts raw values (predict, export and the scorer are unchanged). This is what makes the
 * default learning rates work on tables whose columns differ by orders of magnitude (a target
 * near 150 with features near 0.05, as scikit-learn's diabetes set).
 */
export interface Scaling {
  /** Per feature; absent when the first layer is not dense (a CNN reads pixels as they are). */
  x?: { mean: Float64Array; sd: Float64Array }
  /** Regression target. */
  y?: { mean: number; sd: number }
}

function moments(values: Float64Array, rows: number, cols: number, j: number): { mean: number; sd: number } {
  let mean = 0
  for (let i = 0; i < rows; i++) mean += values[i * cols + j]
  mean /= rows
  let v = 0
  for (let i = 0; i < rows; i++) v += (values[i * cols + j] - mean) ** 2
  const sd = Math.sqrt(v / rows)
  // A constant column keeps its scale: dividing by 0 would turn it into NaN.
  return { mean, sd: sd > 0 && Number.isFinite(sd) ? sd : 1 }
}

export function fitScaling(net: NetDef, head: Head, X: Float64Array, rows: number, y: Float64Array): Scaling {
  const cols = net.inputDim
  const s: Scaling = {}
  if (net.layers[0]?.kind === 'dense') {
    const mean = new Float64Array(cols)
    const sd = new Float64Array(cols)
    for (let j = 0; j < cols; j++) ({ mean: mean[j], sd: sd[j] } = moments(X, rows, cols, j))
    s.x = { mean, sd }
  }
  if (head.kind === 'regression') s.y = moments(y, rows, 1, 0)
  return s
}

export function scaleX(s: Scaling, X: Float64Array, cols: number): Float64Array {
  if (!s.x) return X
  const { mean, sd } = s.x
  const out = new Float64Array(X.length)
  for (let i = 0; i < X.length; i++) {
    const j = i % cols
    out[i] = (X[i] - mean[j]) / sd[j]
  }
  return out
}

export function scaleY(s: Scaling, y: Float64Array): Float64Array {
  if (!s.y) return y
  const { mean, sd } = s.y
  return y.map((v) => (v - mean) / sd)
}

/** Loss settings measured in target units (SVR's epsilon, Huber's delta) follow the target's scale. */
export function scaleLoss(s: Scaling, loss: LossChoice): LossChoice {
  const key = loss.name === 'epsilon-insensitive' ? 'epsilon' : loss.name === 'huber' ? 'delta' : undefined
  const v = key ? loss.config[key] : undefined
  if (!s.y || !key) return loss
  const given = typeof v === 'number' ? v : key === 'epsilon' ? EPSILON_DEFAULT : 1
  return { ...loss, config: { ...loss.config, [key]: given / s.y.sd } }
}

/**
 * Starting weights: the output bias at the base rate and, for a model without hidden layers, zero
 * weights (as scikit-learn's linear models start; random Glorot weights there only add noise the
 * first epochs must undo, and a network needs them only to break the symmetry of hidden units).
 */
export function initializer(net: NetDef, head: Head, y: Float64Array) {
  const bias = initialBias(head, y)
  return (w: NetWeights) => {
    w.values[w.values.length - 1].set(bias)
    if (net.layers.length === 1) w.values[0].fill(0)
  }
}

/**
 * The output bias a model starts from: 0 for a standardized target (its mean), the class log-odds
 * (binary) or log-priors (multiclass), as scikit-learn's boosting starts; it saves the first
 * epochs the work of finding the base rate.
 */
function initialBias(head: Head, y: Float64Array): Float32Array {
  if (head.kind === 'regression') return new Float32Array(1)
  const k = head.kind === 'binary' ? 2 : head.classes
  const counts = new Float64Array(k)
  for (const v of y) counts[v]++
  const p = (c: number) => Math.min(Math.max(counts[c] / y.length, 1e-6), 1 - 1e-6)
  if (head.kind === 'binary') return Float32Array.of(Math.log(p(1) / (1 - p(1))))
  return Float32Array.from({ length: k }, (_, c) => Math.log(p(c)))
}

/** Folds the scales into the weights: the first dense layer reads raw features, the last writes raw values. */
export function unscaleWeights(s: Scaling, w: NetWeights): NetWeights {
  const values = w.values.map((v) => Float64Array.from(v))
  if (s.x) {
    const [cols, units] = w.shapes[0]
    const { mean, sd } = s.x
    for (let j = 0; j < cols; j++) {
      for (let u = 0; u < units; u++) {
        const k = (values[0][j * units + u] /= sd[j])
        values[1][u] -= mean[j] * k
      }
    }
  }
  if (s.y) {
    const last = values.length - 2
    const { mean, sd } = s.y
    for (let i = 0; i < values[last].length; i++) values[last][i] *= sd
    for (let i = 0; i < values[last + 1].length; i++) values[last + 1][i] = values[last + 1][i] * sd + mean
  }
  return { shapes: w.shapes, values: values.map((v) => Float32Array.from(v)) }
}
