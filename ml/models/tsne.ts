import { fitPca, projectPca } from './pca'
import { gaussian } from '../table/random'
import { jointProbabilities, neighbourJointProbabilities } from './tsne-affinities'
import { barnesHutGradient, exactGradient } from './tsne-gradient'
import { nearestNeighbours } from './tsne-neighbours'
import { emptyQuadTree } from './tsne-quadtree'

/**
 * t-SNE (van der Maaten & Hinton 2008) as scikit-learn 1.2's TSNE: Barnes-Hut by default (P over the
 * 3·perplexity nearest neighbours, repulsion through a quadtree with angle θ; O(n log n) per
 * iteration) or exact (O(n²)); early exaggeration 12 with momentum 0.5 for 250 iterations, then
 * momentum 0.8; per-coordinate gains (+0.2 / ×0.8, floor 0.01) reset between the two stages;
 * learning rate max(n / 12 / 4, 50) ("auto"); every 50 iterations the KL is checked, and a stage
 * stops after 300 iterations without progress (250 in the first) or at gradient norm ≤ 1e-7.
 * Written here: the npm t-SNE packages (tsne-js, @keckelt/tsne) seed from Math.random or use a
 * fixed learning rate without scikit-learn's schedule, and none has a Barnes-Hut tree.
 */
export interface TsneOptions {
  perplexity: number
  iterations: number
  init: 'pca' | 'random'
  method: 'barnes_hut' | 'exact'
  /** Barnes-Hut's θ: a cell stands for its points when width / distance < θ. */
  angle: number
  random: () => number
  /** Called every 50 iterations with the KL divergence; may throw to stop (cancel). */
  onProgress?(iteration: number, kl: number): Promise<void> | void
  /** Awaited between iterations: cancellation and a turn of the event loop. */
  pause?(): Promise<void>
}

export const TSNE_DEFAULTS = { perplexity: 30, iterations: 1000, init: 'pca', method: 'barnes_hut', angle: 0.5 } as const

const EXAGGERATION = 12
const EXPLORATION = 250
const CHECK_EVERY = 50
const WITHOUT_PROGRESS = 300
const MIN_GRAD_NORM = 1e-7

/** Initial layout: the first two principal axes scaled to std 1e-4 (scikit-learn's 'pca'), or N(0, 1e-4²). */
function initial(X: Float64Array, n: number, d: number, o: TsneOptions): Float64Array {
  const Y = new Float64Array(n * 2)
  if (o.init === 'random' || d < 2) {
    for (let i = 0; i < Y.length; i++) Y[i] = 1e-4 * gaussian(o.random)
    return Y
  }
  Y.set(projectPca(fitPca(X, n, d, { components: 2 }), X, n))
  let sd = 0
  for (let i = 0; i < n; i++) sd += Y[i * 2] ** 2 / n
  sd = Math.sqrt(sd) || 1
  for (let k = 0; k < Y.length; k++) Y[k] = (Y[k] / sd) * 1e-4
  return Y
}

/** KL divergence (NaN when not asked for) and gradient of an embedding, for P scaled by `exaggeration`. */
type Objective = (Y: Float64Array, grad: Float64Array, exaggeration: number, withError: boolean) => number

function pairwiseSquared(X: Float64Array, n: number, d: number): Float64Array {
  const D = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0
      for (let k = 0; k < d; k++) s += (X[i * d + k] - X[j * d + k]) ** 2
      D[i * n + j] = D[j * n + i] = s
    }
  }
  return D
}

/** P for the method, and the objective that evaluates the gradient against it. */
function objective(X: Float64Array, n: number, d: number, o: TsneOptions): Objective {
  if (o.method === 'exact') {
    const P = jointProbabilities(pairwiseSquared(X, n, d), n, o.perplexity)
    const pairs = new Float64Array((n * (n - 1)) / 2)
    return (Y, grad, exaggeration) => exactGradient(P, exaggeration, Y, n, grad, pairs)
  }
  const k = Math.min(n - 1, Math.floor(3 * o.perplexity + 1))
  const nn = nearestNeighbours(X, n, d, k)
  const P = neighbourJointProbabilities(nn.index, nn.sqd, n, k, o.perplexity)
  const tree = emptyQuadTree(3 * n)
  return (Y, grad, exaggeration, withError) => barnesHutGradient(P, exaggeration, Y, n, o.angle, grad, withError, tree)
}

interface Stage {
  from: number
  to: number
  momentum: number
  exaggeration: number
  withoutProgress: number
}

/** scikit-learn's _gradient_descent for one stage; returns the last iteration run and its KL. */
async function descend(f: Objective, Y: Float64Array, n: number, lr: number, s: Stage, o: TsneOptions): Promise<{ it: number; kl: number }> {
  const update = new Float64Array(n * 2)
  const gains = new Float64Array(n * 2).fill(1)
  const grad = new Float64Array(n * 2)
  let kl = Number.MAX_VALUE
  let best = Number.MAX_VALUE
  let bestIt = s.from
  let it = s.from
  for (; it < s.to; it++) {
    const check = (it + 1) % CHECK_EVERY === 0
    kl = f(Y, grad, s.exaggeration, check || it === s.to - 1)
    let norm = 0
    for (let k = 0; k < n * 2; k++) {
      gains[k] = update[k] * grad[k] < 0 ? gains[k] + 0.2 : Math.max(gains[k] * 0.8, 0.01)
      const g = grad[k] * gains[k]
      norm += g * g
      update[k] = s.momentum * update[k] - lr * g
      Y[k] += update[k]
    }
    await o.pause?.()
    if (!check) continue
    await o.onProgress?.(it + 1, kl)
    if (kl < best) (best = kl), (bestIt = it)
    else if (it - bestIt > s.withoutProgress) break
    if (Math.sqrt(norm) <= MIN_GRAD_NORM) break
  }
  return { it: Math.min(it, s.to - 1), kl }
}

/** A 2-D embedding (rows × 2, row-major) of the rows of X (rows × d), its final KL divergence and the iterations run. */
export async function tsne(X: Float64Array, n: number, d: number, o: TsneOptions): Promise<{ Y: Float64Array; kl: number; iterations: number }> {
  if (n < 4) throw new Error('t-SNE needs at least 4 rows.')
  if (o.perplexity >= n) throw new Error(`Perplexity ${o.perplexity} must be below the number of rows (${n}); lower it.`)
  const f = objective(X, n, d, o)
  const Y = initial(X, n, d, o)
  const lr = Math.max(n / EXAGGERATION / 4, 50)
  const first = { from: 0, to: EXPLORATION, momentum: 0.5, exaggeration: EXAGGERATION, withoutProgress: EXPLORATION }
  let { it, kl } = await descend(f, Y, n, lr, first, o)
  // scikit-learn runs the second stage even when it has no iterations left and then reports
  // float max as the KL; here the first stage's KL stands.
  if (it + 1 < o.iterations) {
    const second = { from: it + 1, to: o.iterations, momentum: 0.8, exaggeration: 1, withoutProgress: WITHOUT_PROGRESS }
    ;({ it, kl } = await descend(f, Y, n, lr, second, o))
  }
  return { Y, kl, iterations: it + 1 }
}
