import { KERNEL_WASM_BASE64 } from './dense-kernel-wasm'

/** The exports of dense-kernel.as.ts: pointers are byte offsets into `memory`. */
export interface DenseKernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number }
  heapBase(): number
  dense(a: number, n: number, din: number, w: number, b: number, dout: number, z: number, act: number): void
  activationBackward(h: number, d: number, len: number, act: number): void
  kernelGradient(a: number, n: number, din: number, d: number, dout: number, g: number, w: number, alpha: number): void
  columnSums(d: number, n: number, dout: number, g: number): void
  transpose(w: number, din: number, dout: number, t: number): void
  gatherRows(x: number, width: number, idx: number, n: number, out: number): void
  lossAndGradient(out: number, y: number, n: number, k: number, kind: number, epsilon: number, d: number): number
  sumOfSquares(w: number, len: number): number
  adam(theta: number, g: number, m: number, v: number, len: number, lr: number, b1: number, b2: number, ob1: number, ob2: number, c1: number, c2: number, eps: number): void
  sgd(theta: number, g: number, acc: number, len: number, lr: number, mu: number, nesterov: number): void
}

/** Activation codes of the kernel (dense-kernel.as.ts). */
export const KERNEL_ACTIVATION = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 } as const
/** Loss codes of the kernel's lossAndGradient. */
export const KERNEL_LOSS = { binaryCrossentropy: 0, softmaxCrossentropy: 1, mse: 2, hinge: 3, crammerSingerHinge: 4, epsilonInsensitive: 5 } as const

let compiled: Promise<WebAssembly.Module | undefined> | undefined

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text)
  const bytes = new Uint8Array(raw.length)
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
  return bytes
}

/**
 * A fresh instance of the kernel (its own memory), or undefined where WebAssembly SIMD cannot be
 * compiled (an engine without SIMD, a CSP without 'wasm-unsafe-eval'): training then stays on tfjs ops.
 */
export async function instantiateDenseKernel(): Promise<DenseKernel | undefined> {
  compiled ??= WebAssembly.compile(decodeBase64(KERNEL_WASM_BASE64)).catch(() => undefined)
  const module = await compiled
  if (!module) return undefined
  const instance = await WebAssembly.instantiate(module)
  return instance.exports as unknown as DenseKernel
}
