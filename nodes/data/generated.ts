import { p, seedParam } from '../../runtime/node-api/params'
import type { Column, Dataset } from '../../runtime/values/dataset'
import { categoricalColumn, makeDataset, numericColumn } from '../../ml/table/table'
import { gaussian, permutation, type Uniform } from '../../ml/table/random'

/** What the generator nodes share: seed/samples params and turning points into a table. */

export const generatorSeed = seedParam('Same seed, same data.')

export const samplesParam = (d = 200) =>
  p.int({ default: d, min: 4, max: 1_000_000, title: 'Samples', description: 'Number of rows to generate.' })

export const noiseParam = (d: number, description = 'Standard deviation of Gaussian noise added to each coordinate.') =>
  p.number({ default: d, min: 0, max: 100, step: 0.01, title: 'Noise', description })

/** Feature names x1..xn. */
export const featureNames = (n: number) => Array.from({ length: n }, (_, j) => `x${j + 1}`)

/**
 * A table of generated points: row-major `x` (rows × cols) as features x1..xn and class
 * labels as a categorical target "label" with classes "0".."k-1" (as scikit-learn numbers them).
 * Rows are shuffled when `random` is given, as make_* do by default.
 */
export function pointsTable(x: Float64Array, cols: number, labels: Int32Array, classes: number, random?: Uniform): Dataset {
  const rows = labels.length
  const order = random ? permutation(rows, random) : Int32Array.from({ length: rows }, (_, i) => i)
  const columns: Column[] = featureNames(cols).map((name, j) => numericColumn(name, gather(x, order, cols, j)))
  const codes = new Int32Array(rows)
  for (let i = 0; i < rows; i++) codes[i] = labels[order[i]]
  columns.push(categoricalColumn('label', codes, Array.from({ length: classes }, (_, k) => String(k)), 'target'))
  return makeDataset(columns)
}

/**
 * Column `j` of the row-major `x` (`cols` per row), rows in `order`. A plain loop: `Float64Array.from(order, map)`
 * took ≈ 70 ms for 20 000 × 20 (the iterator protocol and a call per value), the serial start of every graph on it.
 */
function gather(x: Float64Array, order: Int32Array, cols: number, j: number): Float64Array {
  const out = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) out[i] = x[order[i] * cols + j]
  return out
}

/** Splits n samples into k groups as evenly as possible, the first groups taking the remainder. */
export function evenCounts(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0))
}

/** numpy.linspace(start, stop, n, endpoint). */
export function linspace(start: number, stop: number, n: number, endpoint = true): number[] {
  const div = endpoint ? n - 1 : n
  const step = div > 0 ? (stop - start) / div : 0
  return Array.from({ length: n }, (_, i) => start + i * step)
}

/**
 * make_moons' and make_circles' layout: class 0 is ⌊n/2⌋ points `first(t)`, class 1 the other
 * points `second(t)`, t over `angles(count)`; then Gaussian noise on every coordinate, rows shuffled.
 */
export function twoCurves(
  params: { samples: number; noise: number },
  random: Uniform,
  angles: (count: number) => number[],
  first: (t: number) => [number, number],
  second: (t: number) => [number, number],
): Dataset {
  const n = params.samples
  const nOut = Math.floor(n / 2)
  const x = new Float64Array(n * 2)
  const labels = new Int32Array(n)
  angles(nOut).forEach((t, i) => {
    ;[x[2 * i], x[2 * i + 1]] = first(t)
  })
  angles(n - nOut).forEach((t, i) => {
    const r = nOut + i
    ;[x[2 * r], x[2 * r + 1]] = second(t)
    labels[r] = 1
  })
  for (let i = 0; i < x.length; i++) x[i] += params.noise * gaussian(random)
  return pointsTable(x, 2, labels, 2, random)
}
