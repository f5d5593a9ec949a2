import { fitPca, projectPca } from './pca'
import { gaussian } from '../table/random'

/**
 * Exact t-SNE (van der Maaten & Hinton 2008) with scikit-learn's optimisation schedule:
 * perplexity-calibrated Gaussian affinities, early exaggeration 12 for 250 iterations with
 * momentum 0.5, then momentum 0.8, gains (+0.2 / ×0.8, floor 0.01), learning rate
 * max(N / 12 / 4, 50) ("auto"). O(N²) per iteration, so it is for up to a few thousand rows.
 * Written here: the npm t-SNE packages (tsne-js, @keckelt/tsne) seed from Math.random or
 * use a fixed learning rate without sklearn's schedule.
 */
export interface TsneOptions {
  perplexity: number
  iterations: number
  init: 'pca' | 'random'
  random: () => number
  /** Called every 50 iterations; may throw to stop (cancel). */
  onProgress?(iteration: number, kl: number): Promise<void> | void
}

const EXAGGERATION = 12
const EXPLORATION = 250

/** Symmetric joint probabilities P from squared distances, each row matched to the perplexity. */
function affinities(D: Float64Array, n: number, perplexity: number): Float64Array {
  const P = new Float64Array(n * n)
  const target = Math.log(perplexity)
  const row = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let beta = 1
    let lo = -Infinity
    let hi = Infinity
    for (let step = 0; step < 100; step++) {
      let sum = 0
      for (let j = 0; j < n; j++) sum += row[j] = j === i ? 0 : Math.exp(-D[i * n + j] * beta)
      sum = Math.max(sum, 1e-300)
      let entropy = 0
      for (let j = 0; j < n; j++) {
        row[j] /= sum
        if (row[j] > 1e-300) entropy -= row[j] * Math.log(row[j])
      }
      if (Math.abs(entropy - target) < 1e-5) break
      if (entropy > target) {
        lo = beta
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2
      } else {
        hi = beta
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2
      }
    }
    P.set(row, i * n)
  }
  let total = 0
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += 2 * (P[i * n + j] + P[j * n + i])
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.max((P[i * n + j] + P[j * n + i]) / total, 1e-12)
      P[i * n + j] = v
      P[j * n + i] = v
    }
    P[i * n + i] = 0
  }
  return P
}

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

/** A 2-D embedding (rows × 2, row-major) of the rows of X (rows × d) and its final KL divergence. */
export async function tsne(X: Float64Array, n: number, d: number, o: TsneOptions): Promise<{ Y: Float64Array; kl: number }> {
  if (n < 4) throw new Error('t-SNE needs at least 4 rows.')
  if (o.perplexity >= n) throw new Error(`Perplexity ${o.perplexity} must be below the number of rows (${n}); lower it.`)
  const D = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0
      for (let k = 0; k < d; k++) s += (X[i * d + k] - X[j * d + k]) ** 2
      D[i * n + j] = D[j * n + i] = s
    }
  }
  const P = affinities(D, n, o.perplexity)
  const Y = initial(X, n, d, o)
  const update = new Float64Array(n * 2)
  const gains = new Float64Array(n * 2).fill(1)
  const num = new Float64Array(n * n)
  const grad = new Float64Array(n * 2)
  const lr = Math.max(n / EXAGGERATION / 4, 50)
  let kl = 0
  for (let it = 0; it < o.iterations; it++) {
    const exaggeration = it < EXPLORATION ? EXAGGERATION : 1
    const momentum = it < EXPLORATION ? 0.5 : 0.8
    let sumQ = 0
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const q = 1 / (1 + (Y[2 * i] - Y[2 * j]) ** 2 + (Y[2 * i + 1] - Y[2 * j + 1]) ** 2)
        num[i * n + j] = num[j * n + i] = q
        sumQ += 2 * q
      }
    }
    grad.fill(0)
    kl = 0
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue
        const q = num[i * n + j]
        const p = P[i * n + j]
        const mult = 4 * (exaggeration * p - q / sumQ) * q
        grad[2 * i] += mult * (Y[2 * i] - Y[2 * j])
        grad[2 * i + 1] += mult * (Y[2 * i + 1] - Y[2 * j + 1])
        kl += p * Math.log(p / Math.max(q / sumQ, 1e-300))
      }
    }
    for (let k = 0; k < n * 2; k++) {
      gains[k] = Math.max(0.01, Math.sign(grad[k]) !== Math.sign(update[k]) ? gains[k] + 0.2 : gains[k] * 0.8)
      update[k] = momentum * update[k] - lr * gains[k] * grad[k]
      Y[k] += update[k]
    }
    if (it % 50 === 49) await o.onProgress?.(it + 1, kl)
  }
  return { Y, kl }
}
