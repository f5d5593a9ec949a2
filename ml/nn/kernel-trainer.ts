import * as tf from '@tensorflow/tfjs-core'
import type { DenseLayer } from './dense-step'
import { EPSILON_DEFAULT, type Head, type LossChoice } from './loss'
import type { NetWeights } from './net'
import type { OptimizerSettings } from './optimizer'
import type { Trainer } from './trainer'
import { optimizerStep, type FlatRegions } from './kernel-optimizer'
import { KERNEL_ACTIVATION, KERNEL_LOSS, type DenseKernel } from './wasm/dense-kernel'

export interface KernelTrainerInput {
  layers: DenseLayer[]
  init: NetWeights
  optimizer: OptimizerSettings
  loss: LossChoice
  head: Head
  alpha: number
  /** Row-major features [rows, layers[0].shape[0]] and encoded targets [rows, output units]. */
  X: Float32Array
  Y: Float32Array
  rows: number
  /** The largest batch a step gets. */
  batch: number
}

/** Bytes of kernel memory beyond which training stays on tfjs ops (wasm32 memory tops out at 4 GiB). */
const MAX_BYTES = 2 ** 31

/** The kernel's loss code for a loss + head whose output gradient has a closed form; undefined for the others. */
function lossKind(loss: LossChoice, head: Head): number | undefined {
  const ce = loss.name === 'binary-crossentropy' || loss.name === 'categorical-crossentropy'
  if (ce && head.kind === 'binary') return KERNEL_LOSS.binaryCrossentropy
  if (ce && head.kind === 'multiclass') return KERNEL_LOSS.softmaxCrossentropy
  if (loss.name === 'mse' && head.kind === 'regression') return KERNEL_LOSS.mse
  if (loss.name === 'hinge' && head.kind !== 'regression') return head.kind === 'binary' ? KERNEL_LOSS.hinge : KERNEL_LOSS.crammerSingerHinge
  if (loss.name === 'epsilon-insensitive' && head.kind === 'regression') return KERNEL_LOSS.epsilonInsensitive
  return undefined
}

/** The epsilon-insensitive loss's tube width, with lossValue's default (ml/nn/loss.ts); 0 for the others. */
function lossEpsilon(loss: LossChoice): number {
  if (loss.name !== 'epsilon-insensitive') return 0
  return typeof loss.config.epsilon === 'number' ? loss.config.epsilon : EPSILON_DEFAULT
}

/** Lays out float32 regions in kernel memory, each 16-byte aligned for SIMD loads. */
function allocator(base: number) {
  let end = Math.ceil(base / 16) * 16
  return {
    take(floats: number): number {
      const at = end
      end += Math.ceil((floats * 4) / 16) * 16
      return at
    },
    get end() {
      return end
    },
  }
}

/** Grows the instance's memory to `bytes`; false when the engine refuses. */
function reserve(kernel: DenseKernel, bytes: number): boolean {
  const missing = bytes - kernel.memory.buffer.byteLength
  if (missing <= 0) return true
  try {
    return kernel.memory.grow(Math.ceil(missing / 65536)) >= 0
  } catch {
    return false
  }
}

/**
 * A dense stack trained by one WebAssembly SIMD kernel (wasm/dense-kernel.as.ts): gather, forward,
 * loss gradient, backward and the Adam/SGD update on one flat float32 weight vector in the kernel's
 * memory, with no tfjs op and no allocation per step. The maths is denseTrainer's (the same loss
 * gradients, L2 term and tfjs' order of optimizer operations), so losses and weights agree with tfjs
 * autodiff within float32 rounding (kernel-trainer.test.ts); the kernel is deterministic, so a
 * continued run equals one from scratch bit for bit. Undefined for what it does not cover
 * (RMSprop, Adagrad, other losses) or when its memory cannot grow: train on tfjs ops then.
 */
export function kernelTrainer(kernel: DenseKernel, input: KernelTrainerInput): Trainer | undefined {
  const { init } = input
  const kind = lossKind(input.loss, input.head)
  const opt = input.optimizer
  if (kind === undefined || (opt.name !== 'adam' && opt.name !== 'sgd')) return undefined
  const r = layOut(kernel, input, opt.name === 'adam' ? 2 : opt.momentum > 0 || opt.nesterov ? 1 : 0)
  if (!r) return undefined
  const f32 = new Float32Array(kernel.memory.buffer)
  const i32 = new Int32Array(kernel.memory.buffer)
  const offsets = copyIn(f32, r, input)
  const { forwardAndLoss, backward } = passes(kernel, input, r, offsets, kind)
  const update = optimizerStep(kernel, opt, r)
  const costs = costLog()
  const idx4 = r.idx / 4
  const slice = (ptr: number, n: number) => f32.slice(ptr / 4, ptr / 4 + n)
  return {
    params: () => init.values.map((v, i) => tf.tensor(slice(offsets[i], v.length), init.shapes[i])),
    step(order, start, end) {
      const n = end - start
      for (let i = 0; i < n; i++) i32[idx4 + i] = order[start + i]
      costs.add(forwardAndLoss(n))
      backward(n)
      update.step()
    },
    costs: async () => costs.take(),
    values: async () => init.values.map((v, i) => slice(offsets[i], v.length)),
    saveOptimizer: async () => update.save(slice),
    restoreOptimizer: async (state) => update.restore(state, f32),
    // The instance and its memory go when the trainer is dropped; there is no tfjs tensor to free.
    dispose: () => undefined,
  }
}

/** Byte offsets of the trainer's regions in kernel memory. */
interface KernelRegions extends FlatRegions {
  /** Layer widths, input first. */
  widths: number[]
  /** All rows' features and encoded targets. */
  x: number
  y: number
  /** A batch's row indices and gathered targets. */
  idx: number
  yb: number
  /** Each layer's activations for a batch (h[0] = the gathered features). */
  h: number[]
  /** Two ping-pong buffers for the backward pass's deltas, and a transposed kernel. */
  delta: [number, number]
  wt: number
}

/** Places weights, gradient, optimizer slots, data and batch buffers in kernel memory; undefined when it cannot grow that far. */
function layOut(kernel: DenseKernel, input: KernelTrainerInput, slotCount: number): KernelRegions | undefined {
  const { layers, batch } = input
  const widths = [layers[0].shape[0], ...layers.map((l) => l.shape[1])]
  const units = widths[widths.length - 1]
  const size = input.init.values.reduce((a, v) => a + v.length, 0)
  const mem = allocator(kernel.heapBase())
  const theta = mem.take(size)
  const grad = mem.take(size)
  const slots = Array.from({ length: slotCount }, () => mem.take(size))
  const x = mem.take(input.rows * widths[0])
  const y = mem.take(input.rows * units)
  const idx = mem.take(batch)
  const yb = mem.take(batch * units)
  const h = widths.map((w) => mem.take(batch * w))
  const widest = Math.max(...widths)
  const delta: [number, number] = [mem.take(batch * widest), mem.take(batch * widest)]
  const wt = mem.take(Math.max(...layers.map((l) => l.shape[0] * l.shape[1])))
  if (mem.end > MAX_BYTES || !reserve(kernel, mem.end)) return undefined
  return { theta, grad, slots, size, widths, x, y, idx, yb, h, delta, wt }
}

/** Copies the starting weights (one after another from theta), the features and the targets in; returns each weight's offset. */
function copyIn(f32: Float32Array, r: KernelRegions, input: KernelTrainerInput): number[] {
  const offsets: number[] = []
  let at = r.theta
  for (const v of input.init.values) {
    offsets.push(at)
    f32.set(v, at / 4)
    at += v.length * 4
  }
  f32.set(input.X, r.x / 4)
  f32.set(input.Y, r.y / 4)
  return offsets
}

/** A batch's forward pass with its loss (plus the L2 term) and its backward pass into the gradient region. */
function passes(kernel: DenseKernel, input: KernelTrainerInput, r: KernelRegions, offsets: number[], kind: number) {
  const { layers, alpha } = input
  const { widths, h, delta, x, y, idx, yb, grad, theta, wt } = r
  const units = widths[widths.length - 1]
  const epsilon = lossEpsilon(input.loss)
  const acts = layers.map((l) => KERNEL_ACTIVATION[l.activation as keyof typeof KERNEL_ACTIVATION])
  const forwardAndLoss = (n: number): number => {
    kernel.gatherRows(x, widths[0], idx, n, h[0])
    kernel.gatherRows(y, units, idx, n, yb)
    for (let i = 0; i < layers.length; i++) kernel.dense(h[i], n, widths[i], offsets[2 * i], offsets[2 * i + 1], widths[i + 1], h[i + 1], acts[i])
    const cost = kernel.lossAndGradient(h[layers.length], yb, n, units, kind, epsilon, delta[0])
    if (alpha <= 0) return cost
    let l2 = 0
    for (let i = 0; i < layers.length; i++) l2 += kernel.sumOfSquares(offsets[2 * i], widths[i] * widths[i + 1])
    return cost + (alpha / 2) * l2
  }
  const backward = (n: number) => {
    let d = 0
    for (let i = layers.length - 1; i >= 0; i--) {
      const [din, dout] = layers[i].shape
      kernel.activationBackward(h[i + 1], delta[d], n * dout, acts[i])
      kernel.kernelGradient(h[i], n, din, delta[d], dout, grad + (offsets[2 * i] - theta), offsets[2 * i], alpha)
      kernel.columnSums(delta[d], n, dout, grad + (offsets[2 * i + 1] - theta))
      if (i === 0) break
      kernel.transpose(offsets[2 * i], din, dout, wt)
      kernel.dense(delta[d], n, dout, wt, 0, din, delta[1 - d], KERNEL_ACTIVATION.linear)
      d = 1 - d
    }
  }
  return { forwardAndLoss, backward }
}

/** Each step's cost, kept without a sync or an allocation per step; `take` returns them and starts over. */
function costLog() {
  let costs = new Float32Array(1024)
  let count = 0
  return {
    add(cost: number) {
      if (count === costs.length) {
        const grown = new Float32Array(2 * count)
        grown.set(costs)
        costs = grown
      }
      costs[count++] = cost
    },
    take() {
      const out = costs.slice(0, count)
      count = 0
      return out
    },
  }
}
