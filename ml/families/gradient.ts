import * as tf from '@tensorflow/tfjs-core'
import type { LossSpec, Task } from '../../runtime/values/ml'
import { activateHead, outputUnits, type Head, type LossChoice } from '../nn/loss'
import { forward, validateNet, type LayerDef, type NetDef, type NetWeights } from '../nn/net'
import { stateReader } from './state-check'

/** What a trained gradient model keeps: its layer list, weights as typed arrays and its head. */
export interface GradientState {
  net: NetDef
  head: Head
  shapes: number[][]
  weights: Float32Array[]
}

export function headFor(task: Task, classes?: string[]): Head {
  if (task === 'regression') return { kind: 'regression' }
  const k = classes?.length ?? 0
  if (k < 2) throw new Error('A classifier needs at least two classes in the training target.')
  return k === 2 ? { kind: 'binary' } : { kind: 'multiclass', classes: k }
}

/** The layer stack: a family's hidden layers, then an output layer that follows the head (linear units, activated at predict time). */
export function netFor(hidden: LayerDef[], inputDim: number, head: Head): NetDef {
  const net = { inputDim, layers: [...hidden, { kind: 'dense', units: outputUnits(head), activation: 'linear' } as const] }
  validateNet(net)
  return net
}

/** The loss a gradient family trains with when none is wired: cross-entropy or MSE from the head. */
export function headLoss(head: Head): LossChoice {
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

export function serializeGradient(s: GradientState): Record<string, unknown> {
  return { ...s }
}

const HEADS = ['binary', 'multiclass', 'regression'] as const

/** Checks a saved network's shape: layer list, head, and one typed array per declared shape. */
export function deserializeGradient(family: string, v: Record<string, unknown>): GradientState {
  const r = stateReader(family, v)
  const net = r.raw('net') as NetDef
  if (!net || typeof net !== 'object' || !Array.isArray(net.layers)) throw new Error(`The saved ${family} model is damaged: "net" should be a layer list.`)
  validateNet(net)
  const head = r.raw('head') as Head
  if (!head || !HEADS.includes(head.kind)) throw new Error(`The saved ${family} model is damaged: "head" should be one of ${HEADS.join(', ')}.`)
  const shapes = r.raw('shapes')
  const weights = r.raw('weights')
  const ok =
    Array.isArray(shapes) &&
    Array.isArray(weights) &&
    shapes.length === weights.length &&
    weights.every((w, i) => w instanceof Float32Array && Array.isArray(shapes[i]) && w.length === shapes[i].reduce((a: number, b: number) => a * b, 1))
  if (!ok) throw new Error(`The saved ${family} model is damaged: its weights do not match their shapes.`)
  return { net, head, shapes: shapes as number[][], weights: weights as Float32Array[] }
}
