import * as tf from '@tensorflow/tfjs-core'
import { lossValue, type Head, type LossChoice } from './loss'
import type { Activation, NetDef, NetWeights } from './net'

/** The weights being trained and one optimizer step on a batch of tensors; `params` are the tensors `forward` takes. */
export interface TensorStep {
  /** Weights in layer order (kernel, bias per layer); create them inside a tidy. */
  params(): tf.Tensor[]
  /** One step on a batch; returns the batch objective (before the update). Call inside a tidy. */
  step(xb: tf.Tensor2D, yb: tf.Tensor2D, dropoutSeed?: number): tf.Scalar
  /** The weights' values, read asynchronously (see Trainer.costs). */
  values(): Promise<Float32Array[]>
  dispose(): void
}

export interface DenseLayer {
  activation: Activation
  /** [inputs, units] */
  shape: [number, number]
}

/** Layers of a stack of dense layers (dropout at rate 0 is none); undefined for anything else. */
export function denseLayers(net: NetDef): DenseLayer[] | undefined {
  const layers: DenseLayer[] = []
  let width = net.inputDim
  for (const l of net.layers) {
    if (l.kind === 'dropout' && l.rate === 0) continue
    if (l.kind !== 'dense' || l.activation === 'elu') return undefined
    layers.push({ activation: l.activation, shape: [width, l.units] })
    width = l.units
  }
  return layers
}

/** d(loss)/d(out) for the losses with a short closed form; undefined for the others. */
function lossGradient(loss: LossChoice, head: Head, out: tf.Tensor, y: tf.Tensor): tf.Tensor | undefined {
  const n = out.size
  const ce = loss.name === 'binary-crossentropy' || loss.name === 'categorical-crossentropy'
  if (ce && head.kind === 'binary') return tf.mul(tf.sub(tf.sigmoid(out), y), 1 / n)
  // Softmax cross-entropy is a mean over rows: each row's gradient is (softmax − y) / rows.
  if (ce && head.kind === 'multiclass') return tf.mul(tf.sub(tf.softmax(out), y), 1 / out.shape[0])
  if (loss.name === 'mse' && head.kind === 'regression') return tf.mul(tf.sub(out, y), 2 / n)
  return undefined
}

/** dL/dz from dL/dh for h = activation(z), written with h (what the forward pass kept). */
function throughActivation(a: Activation, h: tf.Tensor, d: tf.Tensor): tf.Tensor {
  if (a === 'relu') return tf.mul(d, tf.step(h))
  if (a === 'sigmoid') return tf.mul(d, tf.mul(h, tf.sub(1, h)))
  if (a === 'tanh') return tf.mul(d, tf.sub(1, tf.square(h)))
  return d
}

/**
 * A stack of dense layers trained with hand-written gradients on one flat weight variable:
 * the forward pass in fused matMul + bias + activation kernels, the backward pass in plain
 * matMuls of explicit transposes (the wasm backend's transposed matMul, which the autodiff
 * gradient of matMul uses, is several times slower than transpose + matMul), and one optimizer
 * update of the flat vector instead of one per tensor. The maths is the autodiff path's, so the
 * numbers agree within float rounding (dense-step.test.ts); the update is
 * elementwise, so any tfjs optimizer applies unchanged. Undefined when the net is not such a
 * stack (conv, dropout, elu): train with `tapeTrainer` then.
 */
export function denseTrainer(
  net: NetDef,
  init: NetWeights,
  optimizer: tf.Optimizer,
  objective: (out: tf.Tensor, y: tf.Tensor, kernels: tf.Tensor[]) => tf.Scalar,
  loss: LossChoice,
  head: Head,
  alpha: number,
): TensorStep | undefined {
  const layers = denseLayers(net)
  if (!layers) return undefined
  const sizes = init.values.map((v) => v.length)
  const theta = flatVariable(init.values, sizes)
  const params = () => {
    const parts = tf.split(theta, sizes)
    return parts.map((p, i) => tf.reshape(p, init.shapes[i]))
  }
  const step = (xb: tf.Tensor2D, yb: tf.Tensor2D) => {
    const ws = params()
    const hs: tf.Tensor2D[] = [xb]
    layers.forEach((l, i) => {
      const fused = l.activation === 'relu' || l.activation === 'sigmoid' ? l.activation : 'linear'
      const z = tf.fused.matMul({ a: hs[i], b: ws[2 * i] as tf.Tensor2D, bias: ws[2 * i + 1], activation: fused }) as tf.Tensor2D
      hs.push(l.activation === 'tanh' ? tf.tanh(z) : z)
    })
    const out = hs[layers.length]
    const kernels = layers.map((_, i) => ws[2 * i])
    const cost = objective(out, yb, kernels)
    let d = lossGradient(loss, head, out, yb) ?? tf.grad((o: tf.Tensor) => lossValue(loss, head, o, yb))(out)
    const grads: tf.Tensor[] = new Array(ws.length)
    for (let i = layers.length - 1; i >= 0; i--) {
      const dz = throughActivation(layers[i].activation, hs[i + 1], d)
      const dw = tf.matMul(tf.transpose(hs[i]), dz as tf.Tensor2D)
      grads[2 * i] = tf.reshape(alpha > 0 ? tf.add(dw, tf.mul(ws[2 * i], alpha)) : dw, [-1])
      grads[2 * i + 1] = tf.sum(dz, 0)
      if (i > 0) d = tf.matMul(dz as tf.Tensor2D, tf.transpose(ws[2 * i]) as tf.Tensor2D)
    }
    optimizer.applyGradients({ [theta.name]: tf.concat(grads) })
    return cost
  }
  return {
    params,
    step,
    values: async () => {
      const all = (await theta.data()) as Float32Array
      let at = 0
      return sizes.map((n) => all.slice(at, (at += n)))
    },
    dispose: () => theta.dispose(),
  }
}

/** One trainable variable holding every weight tensor's values one after another. */
function flatVariable(values: Float32Array[], sizes: number[]): tf.Variable {
  const flat = new Float32Array(sizes.reduce((a, b) => a + b, 0))
  let offset = 0
  for (const v of values) {
    flat.set(v, offset)
    offset += v.length
  }
  return tf.tidy(() => tf.variable(tf.tensor1d(flat), true))
}

/** Any network: variables per tensor and `optimizer.minimize` through tfjs' autodiff. */
export function tapeTrainer(
  net: NetDef,
  init: NetWeights,
  optimizer: tf.Optimizer,
  objective: (out: tf.Tensor, y: tf.Tensor, kernels: tf.Tensor[]) => tf.Scalar,
  forward: (net: NetDef, params: tf.Tensor[], x: tf.Tensor, dropoutSeed?: number) => tf.Tensor,
  kernelIdx: number[],
): TensorStep {
  const vars = init.values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, init.shapes[i]), true)))
  const kernels = kernelIdx.map((i) => vars[i])
  return {
    params: () => vars,
    step: (xb, yb, seed) => optimizer.minimize(() => objective(forward(net, vars, xb, seed), yb, kernels), true, vars)!,
    values: () => Promise.all(vars.map(async (v) => Float32Array.from((await v.data()) as Float32Array))),
    dispose: () => vars.forEach((v) => v.dispose()),
  }
}
