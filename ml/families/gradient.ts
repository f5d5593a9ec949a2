import * as tf from '@tensorflow/tfjs-core'
import type { LossSpec, ModelSpec, Task } from '../../runtime/values/ml'
import { activateHead, outputUnits, type Head, type LossChoice } from '../nn/loss'
import { forward, validateNet, type LayerDef, type NetDef, type NetWeights } from '../nn/net'

/** What a trained gradient model keeps: its layer list, weights as typed arrays and its head. */
export interface GradientState {
  net: NetDef
  head: Head
  shapes: number[][]
  weights: Float32Array[]
}

export interface HiddenLayer {
  units: number
  activation: 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear'
  dropout: number
}

export function headFor(task: Task, classes?: string[]): Head {
  if (task === 'regression') return { kind: 'regression' }
  const k = classes?.length ?? 0
  if (k < 2) throw new Error('A classifier needs at least two classes in the training target.')
  return k === 2 ? { kind: 'binary' } : { kind: 'multiclass', classes: k }
}

/** The layer stack for a spec; the output layer always follows the head (linear units, activated at predict time). */
export function netFor(spec: ModelSpec, inputDim: number, head: Head): NetDef {
  const layers: LayerDef[] = []
  if (spec.family === 'mlp') {
    for (const l of (spec.config.layers as HiddenLayer[] | undefined) ?? []) {
      layers.push({ kind: 'dense', units: l.units, activation: l.activation })
      if (l.dropout > 0) layers.push({ kind: 'dropout', rate: l.dropout })
    }
  } else if (spec.family === 'cnn') {
    const c = spec.config as { height: number; width: number; channels: number; filters: number; kernel: number; pool: number; hidden: number }
    // A width (or height) of 1 is a 1-D signal: the kernel and pool stay 1 along that axis.
    layers.push(
      { kind: 'reshape', shape: [c.height, c.width, c.channels] },
      { kind: 'conv2d', filters: c.filters, kernel: [c.height === 1 ? 1 : c.kernel, c.width === 1 ? 1 : c.kernel], activation: 'relu' },
      ...(c.pool > 1 ? [{ kind: 'maxpool', size: [c.height === 1 ? 1 : c.pool, c.width === 1 ? 1 : c.pool] } satisfies LayerDef] : []),
      { kind: 'flatten' },
      ...(c.hidden > 0 ? [{ kind: 'dense', units: c.hidden, activation: 'relu' } as const] : []),
    )
  }
  layers.push({ kind: 'dense', units: outputUnits(head), activation: 'linear' })
  const net = { inputDim, layers }
  validateNet(net)
  return net
}

/** The loss a gradient family trains with when none is wired. */
export function defaultLoss(spec: ModelSpec, head: Head): LossChoice {
  if (spec.family === 'linear-svm') return { name: 'hinge', config: {} }
  if (spec.family === 'linear-svr') return { name: 'epsilon-insensitive', config: { epsilon: spec.config.epsilon ?? 0.1 } }
  if (head.kind === 'regression') return { name: 'mse', config: {} }
  return { name: head.kind === 'binary' ? 'binary-crossentropy' : 'categorical-crossentropy', config: {} }
}

export function lossChoice(loss: LossSpec): LossChoice {
  return { name: loss.name, config: loss.config }
}

export function gradientState(net: NetDef, head: Head, weights: NetWeights): GradientState {
  return { net, head, shapes: weights.shapes, weights: weights.values }
}

/** Rows per forward pass: bounds memory for conv activations. */
const CHUNK = 1024

/**
 * Scores rows with a trained network: probabilities (classifiers, rows × classes) or values.
 * Hinge-trained SVMs give scores, not probabilities, as in scikit-learn's LinearSVC.
 */
export function predictGradient(state: GradientState, X: Float64Array, rows: number, probabilities: boolean) {
  const { head, net } = state
  const units = outputUnits(head)
  const out = new Float64Array(rows * units)
  const params = state.weights.map((w, i) => tf.tensor(w, state.shapes[i]))
  try {
    for (let start = 0; start < rows; start += CHUNK) {
      const n = Math.min(CHUNK, rows - start)
      const part = X.subarray(start * net.inputDim, (start + n) * net.inputDim)
      const y = tf.tidy(() => {
        const raw = forward(net, params, tf.tensor2d(Float32Array.from(part), [n, net.inputDim]))
        return (probabilities ? activateHead(head, raw) : raw).dataSync()
      })
      out.set(y, start * units)
    }
  } finally {
    tf.dispose(params)
  }
  if (head.kind === 'regression') return { predicted: out }
  const classes = head.kind === 'binary' ? 2 : head.classes
  const predicted = new Float64Array(rows)
  const threshold = probabilities ? 0.5 : 0
  if (head.kind === 'binary') {
    for (let i = 0; i < rows; i++) predicted[i] = out[i] >= threshold ? 1 : 0
    if (!probabilities) return { predicted, scores: out }
    const probs = new Float64Array(rows * 2)
    for (let i = 0; i < rows; i++) {
      probs[2 * i] = 1 - out[i]
      probs[2 * i + 1] = out[i]
    }
    return { predicted, probabilities: probs }
  }
  for (let i = 0; i < rows; i++) {
    let arg = 0
    for (let j = 1; j < classes; j++) if (out[i * classes + j] > out[i * classes + arg]) arg = j
    predicted[i] = arg
  }
  return probabilities ? { predicted, probabilities: out } : { predicted, scores: out }
}
