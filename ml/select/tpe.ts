import { gaussian, type Uniform } from '../table/random'
import { fromUnit, randomPoint, toUnit, type Dimension, type Point } from './space'

/** A finished trial as the sampler sees it: lower loss is better (negate scores to maximize). */
export interface Observation {
  point: Point
  loss: number
}

export interface TpeOptions {
  /** Random trials before the model takes over. */
  startup?: number
  /** Candidates drawn from the good density per proposal. */
  candidates?: number
  /** The good set is the best ceil(gamma · n) observations (at most 25). */
  gamma?: number
}

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011, with Optuna's defaults): split the
 * observations into the best `gamma` share and the rest, fit a Parzen density to each per
 * dimension (numeric ones on the unit scale, log ranges in the logarithm; categorical ones as
 * smoothed counts), draw candidates from the good density and keep the one with the largest
 * good / bad ratio. Failed trials (NaN loss) count as bad.
 */
export function proposeTpe(space: readonly Dimension[], history: readonly Observation[], random: Uniform, opts: TpeOptions = {}): Point {
  const startup = opts.startup ?? 10
  if (history.length < startup) return randomPoint(space, random)
  const sorted = [...history].sort((a, b) => lossOrder(a.loss) - lossOrder(b.loss))
  // Optuna's split: the best 10 %, at most 25.
  const nGood = Math.min(25, Math.max(1, Math.ceil((opts.gamma ?? 0.1) * sorted.length)))
  const good = sorted.slice(0, nGood).map((o) => o.point)
  const bad = sorted.slice(nGood).map((o) => o.point)
  const models = space.map((d, i) => dimensionModel(d, good.map((p) => p[i]), bad.map((p) => p[i])))
  let best: Point | undefined
  let bestScore = -Infinity
  for (let c = 0; c < (opts.candidates ?? 24); c++) {
    const point: Point = []
    let score = 0
    for (const m of models) {
      const u = m.sample(random)
      point.push(m.value(u))
      score += Math.log(m.good(u)) - Math.log(m.bad(u))
    }
    if (score > bestScore) (bestScore = score), (best = point)
  }
  return best!
}

const lossOrder = (loss: number) => (Number.isNaN(loss) ? Infinity : loss)

interface DimensionModel {
  /** A draw from the good density, on the unit scale (or a category index). */
  sample(random: Uniform): number
  good(u: number): number
  bad(u: number): number
  value(u: number): Point[number]
}

function dimensionModel(d: Dimension, good: Point[number][], bad: Point[number][]): DimensionModel {
  if (d.kind === 'choice') {
    const g = categorical(d.values.length, good.map((v) => d.values.indexOf(v)))
    const b = categorical(d.values.length, bad.map((v) => d.values.indexOf(v)))
    return { sample: (r) => drawIndex(g, r), good: (i) => g[i], bad: (i) => b[i], value: (i) => d.values[i] }
  }
  const g = parzen(good.map((v) => toUnit(d, v)))
  const b = parzen(bad.map((v) => toUnit(d, v)))
  // A unit value of exactly 1 maps past the last bucket of int and list dimensions.
  return { sample: (r) => g.sample(r), good: g.density, bad: b.density, value: (u) => fromUnit(d, Math.min(u, 1 - 1e-12)) }
}

/** Category probabilities: counts plus a prior of one observation spread evenly. */
function categorical(k: number, seen: number[]): number[] {
  const w = new Array<number>(k).fill(1 / k)
  for (const i of seen) if (i >= 0) w[i] += 1
  const total = seen.length + 1
  return w.map((x) => x / total)
}

function drawIndex(p: number[], random: Uniform): number {
  let u = random()
  for (let i = 0; i < p.length; i++) if ((u -= p[i]) < 0) return i
  return p.length - 1
}

/**
 * A mixture of normals truncated to [0, 1], one per observation plus a wide prior at 0.5.
 * As hyperopt: each point's bandwidth is the larger gap to its neighbours (the prior counts
 * as one), kept between 1 / min(100, n + 1) of the range and the whole range.
 */
function parzen(points: number[]) {
  const mus = [0.5, ...points].sort((a, b) => a - b)
  const floor = 1 / Math.min(100, mus.length)
  const sigmas = mus.map((mu, i) => {
    const left = i > 0 ? mu - mus[i - 1] : mu
    const right = i < mus.length - 1 ? mus[i + 1] - mu : 1 - mu
    return Math.min(1, Math.max(floor, left, right))
  })
  const prior = mus.indexOf(0.5)
  sigmas[prior] = 1
  const mass = mus.map((mu, i) => normalCdf((1 - mu) / sigmas[i]) - normalCdf((0 - mu) / sigmas[i]))
  const density = (u: number) => {
    let s = 0
    for (let i = 0; i < mus.length; i++) s += normalPdf((u - mus[i]) / sigmas[i]) / (sigmas[i] * mass[i])
    return s / mus.length + 1e-12
  }
  const sample = (random: Uniform) => {
    const i = Math.min(mus.length - 1, Math.floor(random() * mus.length))
    for (let tries = 0; tries < 100; tries++) {
      const u = mus[i] + sigmas[i] * gaussian(random)
      if (u >= 0 && u <= 1) return u
    }
    return Math.min(1, Math.max(0, mus[i]))
  }
  return { density, sample }
}

const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)

/** Φ(z) from erf (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}
