import type { SparseRows } from './tsne-affinities'
import { buildQuadTree, repulsion, type QuadTree, type Repulsion } from './tsne-quadtree'

/**
 * KL(P ‖ Q) of a 2-D embedding and its gradient, with Student-t (one degree of freedom) similarities
 * q_ij ∝ 1 / (1 + ‖y_i − y_j‖²), as scikit-learn's _kl_divergence (exact) and _kl_divergence_bh.
 * `grad` (n × 2) is overwritten; the returned KL is NaN when `withError` is false (the Barnes-Hut
 * error costs a log per neighbour, so scikit-learn computes it only every 50 iterations).
 */
const FLOAT32_TINY = 2 ** -126

/** Exact: O(n²), P dense (n × n) times `exaggeration`. `pairs` is scratch for the n(n − 1)/2 similarities. */
export function exactGradient(P: Float64Array, exaggeration: number, Y: Float64Array, n: number, grad: Float64Array, pairs: Float64Array): number {
  let sum = 0
  let k = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Y[2 * i] - Y[2 * j]
      const dy = Y[2 * i + 1] - Y[2 * j + 1]
      sum += pairs[k++] = 1 / (1 + dx * dx + dy * dy)
    }
  }
  const Z = 2 * sum
  grad.fill(0)
  let kl = 0
  k = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const w = pairs[k++]
      const q = Math.max(w / Z, Number.EPSILON)
      const p = P[i * n + j] * exaggeration
      kl += p * Math.log(Math.max(p, Number.EPSILON) / q)
      const mult = 4 * (p - q) * w
      const fx = mult * (Y[2 * i] - Y[2 * j])
      const fy = mult * (Y[2 * i + 1] - Y[2 * j + 1])
      grad[2 * i] += fx
      grad[2 * i + 1] += fy
      grad[2 * j] -= fx
      grad[2 * j + 1] -= fy
    }
  }
  return 2 * kl
}

/**
 * Barnes-Hut: attraction over P's sparse entries (times `exaggeration`, as scikit-learn scales P in
 * the first stage), repulsion from the quadtree cells that the angle θ lets summarise (O(n log n)).
 * `tree`: arrays to build the quadtree in, kept between iterations.
 */
export function barnesHutGradient(P: SparseRows, exaggeration: number, Y: Float64Array, n: number, angle: number, grad: Float64Array, withError: boolean, tree?: QuadTree): number {
  const t = buildQuadTree(Y, n, tree)
  const acc: Repulsion = { sumQ: 0, fx: 0, fy: 0 }
  // A walk pushes each cell at most once.
  const stack = new Int32Array(t.count)
  let Z = 0
  for (let i = 0; i < n; i++) {
    acc.sumQ = acc.fx = acc.fy = 0
    repulsion(t, Math.fround(Y[2 * i]), Math.fround(Y[2 * i + 1]), angle * angle, acc, stack)
    Z += acc.sumQ
    grad[2 * i] = acc.fx
    grad[2 * i + 1] = acc.fy
  }
  Z = Math.max(Z, Number.EPSILON)
  let kl = 0
  for (let i = 0; i < n; i++) {
    let ax = 0
    let ay = 0
    for (let e = P.indptr[i]; e < P.indptr[i + 1]; e++) {
      const j = P.indices[e]
      const p = P.values[e] * exaggeration
      const dx = Y[2 * i] - Y[2 * j]
      const dy = Y[2 * i + 1] - Y[2 * j + 1]
      const q = 1 / (1 + dx * dx + dy * dy)
      ax += p * q * dx
      ay += p * q * dy
      if (withError) kl += p * Math.log(Math.max(p, FLOAT32_TINY) / Math.max(q / Z, FLOAT32_TINY))
    }
    grad[2 * i] = 4 * (ax - grad[2 * i] / Z)
    grad[2 * i + 1] = 4 * (ay - grad[2 * i + 1] / Z)
  }
  return withError ? kl : NaN
}
