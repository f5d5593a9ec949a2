import * as tf from '@tensorflow/tfjs-core'
import type { OptimizerSpec } from '../../runtime/values/ml'
import { denseLayers, denseTrainer, tapeTrainer, type TensorStep } from './dense-step'
import { kernelTrainer } from './kernel-trainer'
import type { Head, LossChoice } from './loss'
import { forward, type NetDef, type NetWeights } from './net'
import { makeOptimizer, optimizerSettings } from './optimizer'
import { restoreOptimizer, saveOptimizer, type OptimizerState } from './optimizer-state'
import { instantiateDenseKernel } from './wasm/dense-kernel'

/** The weights being trained, stepped on batches of row numbers, with the optimizer's state. */
export interface Trainer {
  /** Weights in layer order (kernel, bias per layer) as tensors `forward` takes; call inside a tidy. */
  params(): tf.Tensor[]
  /** One optimizer step on the rows order[start, end); its objective (before the update) is kept for `costs`. */
  step(order: Int32Array, start: number, end: number, dropoutSeed?: number): void
  /**
   * The objectives of the steps since the last call, in order. Reads, here and in `values`, are
   * asynchronous: tfjs' synchronous read on WebGPU goes through a canvas, which is slow and, in a
   * Chromium that cannot back a WebGPU canvas (headless, SwiftShader), destroys the device.
   */
  costs(): Promise<Float32Array>
  values(): Promise<Float32Array[]>
  saveOptimizer(): Promise<OptimizerState>
  restoreOptimizer(state: OptimizerState): Promise<void>
  dispose(): void
}

export interface TrainerInput {
  net: NetDef
  init: NetWeights
  optimizer: OptimizerSpec
  loss: LossChoice
  head: Head
  alpha: number
  objective: (out: tf.Tensor, y: tf.Tensor, kernels: tf.Tensor[]) => tf.Scalar
  kernelIdx: number[]
  /** Features [rows, inputDim] and encoded targets, as typed arrays and as the tensors they were made into. */
  X: Float32Array
  Xt: tf.Tensor2D
  Yt: tf.Tensor2D
  rows: number
  batch: number
}

/**
 * The fastest trainer that covers the network: on the wasm backend a dense stack trains in one
 * WebAssembly SIMD kernel (kernel-trainer.ts; per-op dispatch dominates tfjs on nets this small);
 * elsewhere (cpu, webgl, webgpu), or for what the kernel does not cover, dense stacks take tfjs ops
 * with hand-written gradients (denseTrainer) and the rest tfjs autodiff (tapeTrainer).
 */
export async function makeTrainer(input: TrainerInput): Promise<Trainer> {
  const layers = denseLayers(input.net)
  const settings = optimizerSettings(input.optimizer)
  if (layers?.length && tf.getBackend() === 'wasm') {
    const kernel = await instantiateDenseKernel()
    const Y = kernel && ((await input.Yt.data()) as Float32Array)
    const trainer = kernel && kernelTrainer(kernel, { ...input, layers, optimizer: settings, Y: Y! })
    if (trainer) return trainer
  }
  const optimizer = makeOptimizer(input.optimizer)
  const { net, init, objective, loss, head, alpha } = input
  const core = denseTrainer(net, init, optimizer, objective, loss, head, alpha) ?? tapeTrainer(net, init, optimizer, objective, forward, input.kernelIdx)
  return onTensors(core, optimizer, input.Xt, input.Yt)
}

/** A TensorStep fed by gathering rows of X and Y; batch costs stay on the device until `costs` reads them. */
function onTensors(core: TensorStep, optimizer: tf.Optimizer, Xt: tf.Tensor2D, Yt: tf.Tensor2D): Trainer {
  let pending: tf.Tensor[] = []
  return {
    params: () => core.params(),
    step(order, start, end, seed) {
      pending.push(
        tf.tidy(() => {
          const it = tf.tensor1d(order.subarray(start, end), 'int32')
          return core.step(tf.gather(Xt, it) as tf.Tensor2D, tf.gather(Yt, it) as tf.Tensor2D, seed)
        }),
      )
    },
    async costs() {
      // Read outside tidy: a typed array returned from tf.tidy is walked element by element (docs/architecture.md).
      const stacked = tf.stack(pending)
      const taken = pending
      pending = []
      try {
        return (await stacked.data()) as Float32Array
      } finally {
        tf.dispose([stacked, ...taken])
      }
    },
    values: () => core.values(),
    saveOptimizer: () => saveOptimizer(optimizer),
    restoreOptimizer: (state) => restoreOptimizer(optimizer, state),
    dispose() {
      tf.dispose(pending)
      core.dispose()
      optimizer.dispose()
    },
  }
}
