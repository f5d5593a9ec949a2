import type { OptimizerSettings } from './optimizer'
import type { OptimizerState } from './optimizer-state'
import type { DenseKernel } from './wasm/dense-kernel'

/** Byte offsets in kernel memory of the flat weight vector, its gradient and the optimizer's slots (`size` floats each). */
export interface FlatRegions {
  theta: number
  grad: number
  slots: number[]
  size: number
}

/** The optimizer update on the flat vector and its state in tfjs' form (one flat variable's slots). */
export function optimizerStep(kernel: DenseKernel, opt: OptimizerSettings & { name: 'adam' | 'sgd' }, r: FlatRegions) {
  let iterations = 0
  const [b1, b2] = opt.name === 'adam' ? [Math.fround(opt.beta1), Math.fround(opt.beta2)] : [0, 0]
  // tfjs keeps βᵢᵗ⁺¹ in float32 variables, multiplied by βᵢ after each step.
  let p1 = b1
  let p2 = b2
  return {
    step() {
      if (opt.name === 'sgd') {
        kernel.sgd(r.theta, r.grad, r.slots[0] ?? 0, r.size, opt.lr, opt.momentum, opt.nesterov ? 1 : 0)
      } else {
        kernel.adam(r.theta, r.grad, r.slots[0], r.slots[1], r.size, opt.lr, b1, b2, 1 - opt.beta1, 1 - opt.beta2, Math.fround(1 - p1), Math.fround(1 - p2), opt.epsilon)
        p1 = Math.fround(p1 * b1)
        p2 = Math.fround(p2 * b2)
      }
      iterations++
    },
    save(slice: (ptr: number, n: number) => Float32Array): OptimizerState {
      return {
        iterations,
        shapes: r.slots.map(() => [r.size]),
        slots: r.slots.map((p) => slice(p, r.size)),
        ...(opt.name === 'adam' ? { powers: [p1, p2] as [number, number] } : {}),
      }
    },
    restore(state: OptimizerState, f32: Float32Array) {
      const total = state.slots.reduce((a, s) => a + s.length, 0)
      if (total !== r.slots.length * r.size) {
        throw new Error(`The saved optimizer state holds ${total} numbers; this ${opt.name} needs ${r.slots.length * r.size}. Train from scratch.`)
      }
      // Per-tensor slots (tfjs autodiff) concatenate to the flat layout: same weight order, moments one after another.
      const all = new Float32Array(total)
      let at = 0
      for (const s of state.slots) {
        all.set(s, at)
        at += s.length
      }
      r.slots.forEach((p, k) => f32.set(all.subarray(k * r.size, (k + 1) * r.size), p / 4))
      iterations = state.iterations
      ;[p1, p2] = state.powers ?? [Math.fround(b1 ** (iterations + 1)), Math.fround(b2 ** (iterations + 1))]
    },
  }
}
