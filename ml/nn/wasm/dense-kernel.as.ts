// AssemblyScript source of the dense-stack training kernel (ml/nn/wasm/dense-kernel.ts drives it).
// Build: npm run build:kernel (writes dense-kernel-wasm.ts; a unit test checks that it is current).
// Pointers are byte offsets into this module's memory, laid out by the caller; matrices are
// row-major float32, kernels [in, out] as tfjs holds them. f32x4 SIMD over the output axis.

const LINEAR: i32 = 0
const RELU: i32 = 1
const SIGMOID: i32 = 2
const TANH: i32 = 3

/** First free byte after the module's own data. */
export function heapBase(): usize {
  return __heap_base
}

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2)
}

/** z[n×dout] = act(a[n×din] · w[din×dout] + b); b = 0 means no bias. */
export function dense(a: usize, n: i32, din: i32, w: usize, b: usize, dout: i32, z: usize, act: i32): void {
  const zero = f32x4.splat(0)
  for (let r = 0; r < n; r++) {
    const arow = at(a, r * din)
    const zrow = at(z, r * dout)
    let j = 0
    for (; j + 16 <= dout; j += 16) {
      let c0 = b ? v128.load(at(b, j)) : zero
      let c1 = b ? v128.load(at(b, j), 16) : zero
      let c2 = b ? v128.load(at(b, j), 32) : zero
      let c3 = b ? v128.load(at(b, j), 48) : zero
      for (let k = 0; k < din; k++) {
        const s = f32x4.splat(load<f32>(at(arow, k)))
        const wp = at(w, k * dout + j)
        c0 = f32x4.add(c0, f32x4.mul(s, v128.load(wp)))
        c1 = f32x4.add(c1, f32x4.mul(s, v128.load(wp, 16)))
        c2 = f32x4.add(c2, f32x4.mul(s, v128.load(wp, 32)))
        c3 = f32x4.add(c3, f32x4.mul(s, v128.load(wp, 48)))
      }
      const zp = at(zrow, j)
      v128.store(zp, c0)
      v128.store(zp, c1, 16)
      v128.store(zp, c2, 32)
      v128.store(zp, c3, 48)
    }
    for (; j + 4 <= dout; j += 4) {
      let c = b ? v128.load(at(b, j)) : zero
      for (let k = 0; k < din; k++) c = f32x4.add(c, f32x4.mul(f32x4.splat(load<f32>(at(arow, k))), v128.load(at(w, k * dout + j))))
      v128.store(at(zrow, j), c)
    }
    for (; j < dout; j++) {
      let c: f32 = b ? load<f32>(at(b, j)) : 0
      for (let k = 0; k < din; k++) c += load<f32>(at(arow, k)) * load<f32>(at(w, k * dout + j))
      store<f32>(at(zrow, j), c)
    }
  }
  activate(z, n * dout, act)
}

@inline function sigmoid(x: f32): f32 {
  return 1 / (1 + Mathf.exp(-x))
}

function activate(z: usize, len: i32, act: i32): void {
  if (act == LINEAR) return
  let i = 0
  if (act == RELU) {
    const zero = f32x4.splat(0)
    for (; i + 4 <= len; i += 4) v128.store(at(z, i), f32x4.max(v128.load(at(z, i)), zero))
    for (; i < len; i++) store<f32>(at(z, i), max(load<f32>(at(z, i)), 0))
    return
  }
  for (; i < len; i++) {
    const x = load<f32>(at(z, i))
    store<f32>(at(z, i), act == SIGMOID ? sigmoid(x) : Mathf.tanh(x))
  }
}

/** d ← d · act′, written with h = act(z) as the forward pass kept it. */
export function activationBackward(h: usize, d: usize, len: i32, act: i32): void {
  let i = 0
  if (act == RELU) {
    const zero = f32x4.splat(0)
    for (; i + 4 <= len; i += 4) v128.store(at(d, i), v128.and(v128.load(at(d, i)), f32x4.gt(v128.load(at(h, i)), zero)))
    for (; i < len; i++) if (!(load<f32>(at(h, i)) > 0)) store<f32>(at(d, i), 0)
    return
  }
  if (act == LINEAR) return
  for (; i < len; i++) {
    const y = load<f32>(at(h, i))
    const g: f32 = act == SIGMOID ? y * (1 - y) : 1 - y * y
    store<f32>(at(d, i), load<f32>(at(d, i)) * g)
  }
}

/** g[din×dout] = aᵀ · d (+ alpha · w when alpha > 0: the L2 term's gradient). */
export function kernelGradient(a: usize, n: i32, din: i32, d: usize, dout: i32, g: usize, w: usize, alpha: f32): void {
  const zero = f32x4.splat(0)
  const al = f32x4.splat(alpha)
  for (let k = 0; k < din; k++) {
    let j = 0
    for (; j + 16 <= dout; j += 16) {
      let c0 = zero
      let c1 = zero
      let c2 = zero
      let c3 = zero
      for (let r = 0; r < n; r++) {
        const s = f32x4.splat(load<f32>(at(a, r * din + k)))
        const dp = at(d, r * dout + j)
        c0 = f32x4.add(c0, f32x4.mul(s, v128.load(dp)))
        c1 = f32x4.add(c1, f32x4.mul(s, v128.load(dp, 16)))
        c2 = f32x4.add(c2, f32x4.mul(s, v128.load(dp, 32)))
        c3 = f32x4.add(c3, f32x4.mul(s, v128.load(dp, 48)))
      }
      const wp = at(w, k * dout + j)
      if (alpha > 0) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load(wp), al))
        c1 = f32x4.add(c1, f32x4.mul(v128.load(wp, 16), al))
        c2 = f32x4.add(c2, f32x4.mul(v128.load(wp, 32), al))
        c3 = f32x4.add(c3, f32x4.mul(v128.load(wp, 48), al))
      }
      const gp = at(g, k * dout + j)
      v128.store(gp, c0)
      v128.store(gp, c1, 16)
      v128.store(gp, c2, 32)
      v128.store(gp, c3, 48)
    }
    for (; j < dout; j++) {
      let c: f32 = 0
      for (let r = 0; r < n; r++) c += load<f32>(at(a, r * din + k)) * load<f32>(at(d, r * dout + j))
      if (alpha > 0) c += load<f32>(at(w, k * dout + j)) * alpha
      store<f32>(at(g, k * dout + j), c)
    }
  }
}

/** g[j] = Σ_r d[r, j]: the bias gradient. */
export function columnSums(d: usize, n: i32, dout: i32, g: usize): void {
  let j = 0
  for (; j + 4 <= dout; j += 4) {
    let c = f32x4.splat(0)
    for (let r = 0; r < n; r++) c = f32x4.add(c, v128.load(at(d, r * dout + j)))
    v128.store(at(g, j), c)
  }
  for (; j < dout; j++) {
    let c: f32 = 0
    for (let r = 0; r < n; r++) c += load<f32>(at(d, r * dout + j))
    store<f32>(at(g, j), c)
  }
}

/** t[dout×din] = wᵀ, so the backward product d · wᵀ runs through `dense` along contiguous rows. */
export function transpose(w: usize, din: i32, dout: i32, t: usize): void {
  for (let k = 0; k < din; k++) for (let j = 0; j < dout; j++) store<f32>(at(t, j * din + k), load<f32>(at(w, k * dout + j)))
}

/** out[r, :] = x[idx[r], :] for r < n (idx: int32 row numbers). */
export function gatherRows(x: usize, width: i32, idx: usize, n: i32, out: usize): void {
  const bytes = <usize>width << 2
  for (let r = 0; r < n; r++) memory.copy(out + <usize>r * bytes, x + <usize>load<i32>(at(idx, r)) * bytes, bytes)
}

const BINARY_CE: i32 = 0
const SOFTMAX_CE: i32 = 1
const MSE: i32 = 2
const HINGE: i32 = 3
const MULTI_HINGE: i32 = 4
const EPSILON_INSENSITIVE: i32 = 5

/**
 * Mean loss of raw outputs against encoded targets, as ml/nn/loss.ts computes it with tfjs ops
 * (sigmoidCrossEntropy, softmaxCrossEntropy, mean squared error, hinge, Crammer–Singer hinge,
 * epsilon-insensitive with `epsilon`), and its gradient with respect to the outputs in d.
 */
export function lossAndGradient(out: usize, y: usize, n: i32, k: i32, kind: i32, epsilon: f32, d: usize): f64 {
  if (kind == SOFTMAX_CE) return softmaxCrossEntropy(out, y, n, k, d)
  if (kind == MULTI_HINGE) return crammerSinger(out, y, n, k, d)
  const size = n * k
  const scale = <f32>((kind == MSE ? 2.0 : 1.0) / <f64>size)
  let total: f64 = 0
  for (let i = 0; i < size; i++) {
    const x = load<f32>(at(out, i))
    const t = load<f32>(at(y, i))
    let g: f32 = 0
    if (kind == BINARY_CE) {
      total += <f64>(max(x, 0) - x * t + Mathf.log1p(Mathf.exp(-Mathf.abs(x))))
      g = sigmoid(x) - t
    } else if (kind == MSE) {
      const e = x - t
      total += <f64>(e * e)
      g = e
    } else if (kind == HINGE) {
      // t ∈ {0, 1} as the sign ±1; the gradient of relu is 0 at 0, as tfjs'.
      const sign: f32 = t * 2 - 1
      const margin: f32 = 1 - sign * x
      if (margin > 0) (total += <f64>margin), (g = -sign)
    } else {
      const e: f32 = t - x
      const excess: f32 = Mathf.abs(e) - epsilon
      if (excess > 0) (total += <f64>excess), (g = e > 0 ? -1 : e < 0 ? 1 : 0)
    }
    store<f32>(at(d, i), g * scale)
  }
  return total / <f64>size
}

function softmaxCrossEntropy(out: usize, y: usize, n: i32, k: i32, d: usize): f64 {
  const perRow = <f32>(1.0 / <f64>n)
  let total: f64 = 0
  for (let r = 0; r < n; r++) {
    const row = r * k
    let top = load<f32>(at(out, row))
    for (let j = 1; j < k; j++) top = max(top, load<f32>(at(out, row + j)))
    let sum: f32 = 0
    for (let j = 0; j < k; j++) sum += Mathf.exp(load<f32>(at(out, row + j)) - top)
    const lse = top + Mathf.log(sum)
    for (let j = 0; j < k; j++) {
      const x = load<f32>(at(out, row + j))
      const t = load<f32>(at(y, row + j))
      total -= <f64>(t * (x - lse))
      store<f32>(at(d, row + j), (Mathf.exp(x - lse) - t) * perRow)
    }
  }
  return total / <f64>n
}

/**
 * Crammer–Singer: mean over rows of max(0, 1 + max_{j≠y} s_j − s_y) for one-hot y. Every class tied
 * at the largest wrong score takes the gradient, as tfjs' max does (all outputs tie at the start).
 */
function crammerSinger(out: usize, y: usize, n: i32, k: i32, d: usize): f64 {
  const perRow = <f32>(1.0 / <f64>n)
  let total: f64 = 0
  for (let r = 0; r < n; r++) {
    const row = r * k
    let correct: f32 = 0
    let other: f32 = -Infinity
    for (let j = 0; j < k; j++) {
      const x = load<f32>(at(out, row + j))
      store<f32>(at(d, row + j), 0)
      if (load<f32>(at(y, row + j)) > 0) correct = x
      else other = max(other, x)
    }
    const margin: f32 = other - correct + 1
    if (!(margin > 0)) continue
    total += <f64>margin
    for (let j = 0; j < k; j++) {
      const x = load<f32>(at(out, row + j))
      if (load<f32>(at(y, row + j)) > 0) store<f32>(at(d, row + j), -perRow)
      else if (x == other) store<f32>(at(d, row + j), perRow)
    }
  }
  return total / <f64>n
}

/** Σ w² over len floats. */
export function sumOfSquares(w: usize, len: i32): f64 {
  let s: f64 = 0
  for (let i = 0; i < len; i++) {
    const v = <f64>load<f32>(at(w, i))
    s += v * v
  }
  return s
}

/**
 * One Adam update in tfjs' order of float32 operations: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * θ ← −lr · (m/c₁) / (√(v/c₂) + ε) + θ with cᵢ = 1 − βᵢᵗ.
 */
export function adam(theta: usize, g: usize, m: usize, v: usize, len: i32, lr: f32, b1: f32, b2: f32, ob1: f32, ob2: f32, c1: f32, c2: f32, eps: f32): void {
  const vb1 = f32x4.splat(b1)
  const vb2 = f32x4.splat(b2)
  const vo1 = f32x4.splat(ob1)
  const vo2 = f32x4.splat(ob2)
  const vc1 = f32x4.splat(c1)
  const vc2 = f32x4.splat(c2)
  const ve = f32x4.splat(eps)
  const vlr = f32x4.splat(-lr)
  let i = 0
  for (; i + 4 <= len; i += 4) {
    const gi = v128.load(at(g, i))
    const mi = f32x4.add(f32x4.mul(v128.load(at(m, i)), vb1), f32x4.mul(gi, vo1))
    const vi = f32x4.add(f32x4.mul(v128.load(at(v, i)), vb2), f32x4.mul(f32x4.mul(gi, gi), vo2))
    v128.store(at(m, i), mi)
    v128.store(at(v, i), vi)
    const step = f32x4.div(f32x4.div(mi, vc1), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), ve))
    v128.store(at(theta, i), f32x4.add(f32x4.mul(step, vlr), v128.load(at(theta, i))))
  }
  for (; i < len; i++) {
    const gi = load<f32>(at(g, i))
    const mi = load<f32>(at(m, i)) * b1 + gi * ob1
    const vi = load<f32>(at(v, i)) * b2 + gi * gi * ob2
    store<f32>(at(m, i), mi)
    store<f32>(at(v, i), vi)
    store<f32>(at(theta, i), ((mi / c1) / (Mathf.sqrt(vi / c2) + eps)) * -lr + load<f32>(at(theta, i)))
  }
}

/** Plain SGD or momentum, as tfjs: a ← μa + g; θ ← −lr · (nesterov ? g + μa : a) + θ; μ = 0 is plain SGD (no slot). */
export function sgd(theta: usize, g: usize, acc: usize, len: i32, lr: f32, mu: f32, nesterov: bool): void {
  for (let i = 0; i < len; i++) {
    const gi = load<f32>(at(g, i))
    let stepDir = gi
    if (mu > 0 || nesterov) {
      const a = load<f32>(at(acc, i)) * mu + gi
      store<f32>(at(acc, i), a)
      stepDir = nesterov ? gi + a * mu : a
    }
    store<f32>(at(theta, i), stepDir * -lr + load<f32>(at(theta, i)))
  }
}
