/**
 * A dense network evaluated in plain JavaScript, one observation at a time: acting and greedy
 * evaluation call it once per step, where a tfjs op dispatch per layer costs more than the maths.
 * Weights use tfjs' layout (kernel [in, out] row-major, then bias), so the same arrays train in tfjs.
 */
export type DenseActivation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear'

export interface DenseNet {
  inputDim: number
  layers: { units: number; activation: DenseActivation }[]
  /** Kernel then bias per layer. */
  weights: Float32Array[]
}

function activate(v: number, a: DenseActivation): number {
  if (a === 'relu') return v > 0 ? v : 0
  if (a === 'tanh') return Math.tanh(v)
  if (a === 'sigmoid') return 1 / (1 + Math.exp(-v))
  if (a === 'elu') return v > 0 ? v : Math.exp(v) - 1
  return v
}

/** Outputs of the network for one input vector. */
export function denseForward(net: DenseNet, input: ArrayLike<number>): Float64Array {
  let h = Float64Array.from(input)
  net.layers.forEach((layer, l) => {
    const kernel = net.weights[2 * l]
    const bias = net.weights[2 * l + 1]
    const units = layer.units
    const out = Float64Array.from(bias)
    // Row by row: the kernel is read in memory order, and zero (ReLU) inputs are skipped.
    for (let i = 0; i < h.length; i++) {
      const hi = h[i]
      if (hi === 0) continue
      const row = i * units
      for (let j = 0; j < units; j++) out[j] += hi * kernel[row + j]
    }
    for (let j = 0; j < units; j++) out[j] = activate(out[j], layer.activation)
    h = out
  })
  return h
}
