import type { Uniform } from '../table/random'

/**
 * One searched param of one node. `param` is a path into the node's params: `learningRate`,
 * or `layers.0.units` for a field of a list param.
 * - list: these values, in this order; choice: one of these values, unordered (categorical);
 * - int: whole numbers min..max by `step` (default 1); float: min..max; log: min..max on a log scale
 *   (grids take `steps` evenly spaced points, default 5).
 */
export type Dimension = ValuesDimension | IntDimension | RangeDimension
export type ValuesDimension = { node: string; param: string; kind: 'list' | 'choice'; values: Scalar[] }
export type IntDimension = { node: string; param: string; kind: 'int'; min: number; max: number; step?: number }
export type RangeDimension = { node: string; param: string; kind: 'float' | 'log'; min: number; max: number; steps?: number }

export const hasValues = (d: Dimension): d is ValuesDimension => d.kind === 'list' || d.kind === 'choice'

export type Scalar = number | string | boolean
/** One value per dimension, in the space's order. */
export type Point = Scalar[]

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/** Checks a space read from a document; returns the sentences that are wrong (empty: fine). */
export function checkSpace(space: readonly Dimension[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  space.forEach((d, i) => {
    const name = `${d.node}.${d.param}`
    const at = `Search dimension ${i + 1} (${name})`
    if (seen.has(name)) out.push(`${at} appears twice.`)
    seen.add(name)
    if (d.param.split('.').some((s) => s === '' || FORBIDDEN.has(s))) out.push(`${at}: "${d.param}" is not a param path.`)
    if (hasValues(d)) {
      if (d.values.length === 0) out.push(`${at} has no values.`)
      return
    }
    if (!(d.min <= d.max)) out.push(`${at}: min ${d.min} must not exceed max ${d.max}.`)
    if (d.kind === 'log' && !(d.min > 0)) out.push(`${at}: a log range needs min > 0 (got ${d.min}).`)
    if (d.kind === 'int' && (!Number.isInteger(d.min) || !Number.isInteger(d.max) || !Number.isInteger(d.step ?? 1) || (d.step ?? 1) < 1)) {
      out.push(`${at}: an int range needs whole min, max and step ≥ 1.`)
    }
  })
  return out
}

/** The values a grid tries for one dimension. */
export function gridValues(d: Dimension): Scalar[] {
  if (hasValues(d)) return d.values
  if (d.kind === 'int') {
    const out: number[] = []
    for (let v = d.min; v <= d.max; v += d.step ?? 1) out.push(v)
    return out
  }
  const steps = Math.max(1, d.steps ?? 5)
  if (steps === 1 || d.min === d.max) return [d.min]
  const lo = d.kind === 'log' ? Math.log(d.min) : d.min
  const hi = d.kind === 'log' ? Math.log(d.max) : d.max
  return Array.from({ length: steps }, (_, i) => {
    const u = lo + ((hi - lo) * i) / (steps - 1)
    return d.kind === 'log' ? roundSig(Math.exp(u)) : roundSig(u)
  })
}

/** The i-th point of the full grid (last dimension varies fastest); undefined past its end. */
export function gridPoint(space: readonly Dimension[], i: number): Point | undefined {
  const axes = space.map(gridValues)
  if (i >= gridSize(space)) return undefined
  const point: Point = new Array(space.length)
  for (let d = space.length - 1; d >= 0; d--) {
    point[d] = axes[d][i % axes[d].length]
    i = Math.floor(i / axes[d].length)
  }
  return point
}

export const gridSize = (space: readonly Dimension[]) => space.reduce((n, d) => n * gridValues(d).length, 1)

/** A uniform draw from the space (log ranges uniform in the logarithm). */
export function randomPoint(space: readonly Dimension[], random: Uniform): Point {
  return space.map((d) => fromUnit(d, random()))
}

/** Maps u in [0, 1) to a value of the dimension (the inverse of `toUnit` up to rounding). */
export function fromUnit(d: Dimension, u: number): Scalar {
  if (hasValues(d)) return d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))]
  if (d.kind === 'int') {
    const step = d.step ?? 1
    const count = Math.floor((d.max - d.min) / step) + 1
    return d.min + step * Math.min(count - 1, Math.floor(u * count))
  }
  if (d.kind === 'log') return roundSig(Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min))))
  return roundSig(d.min + u * (d.max - d.min))
}

/** Where a numeric value sits in its dimension, in [0, 1]. */
export function toUnit(d: Dimension, v: Scalar): number {
  if (hasValues(d)) return (d.values.indexOf(v) + 0.5) / d.values.length
  if (d.min === d.max) return 0.5
  if (d.kind === 'log') return (Math.log(v as number) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min))
  return ((v as number) - d.min) / (d.max - d.min)
}

/** 10 significant digits: trial params read well and compare equal across runs. */
function roundSig(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(10))
}

/**
 * The params to merge over a node's params so that `path` holds `value`: the top-level param,
 * copied with the one field changed (`layers.0.units` copies `layers`).
 */
export function assign(params: Readonly<Record<string, unknown>>, path: string, value: Scalar): Record<string, unknown> {
  const [head, ...rest] = path.split('.')
  if (FORBIDDEN.has(head)) throw new Error(`"${path}" is not a param path.`)
  if (!rest.length) return { [head]: value }
  const root = structuredClone(Object.hasOwn(params, head) ? params[head] : undefined)
  let at: unknown = root
  for (let i = 0; i < rest.length; i++) {
    const seg = rest[i]
    if (FORBIDDEN.has(seg) || typeof at !== 'object' || at === null || !Object.hasOwn(at, seg)) {
      throw new Error(`Param path "${path}" does not exist (at "${[head, ...rest.slice(0, i + 1)].join('.')}").`)
    }
    if (i === rest.length - 1) (at as Record<string, unknown>)[seg] = value
    else at = (at as Record<string, unknown>)[seg]
  }
  return { [head]: root }
}

/** "node.param = value" pairs of a point, for tables and messages. */
export function describePoint(space: readonly Dimension[], point: Point): Record<string, Scalar> {
  const out: Record<string, Scalar> = Object.create(null)
  space.forEach((d, i) => (out[`${d.node}.${d.param}`] = point[i]))
  return out
}

/** Node id → params to merge, for every dimension of the point (fields of one list param combine). */
export function overridesFor(
  space: readonly Dimension[],
  point: Point,
  paramsOf: (node: string) => Readonly<Record<string, unknown>> | undefined,
): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  space.forEach((d, i) => {
    const base = paramsOf(d.node)
    if (!base) throw new Error(`Search dimension ${d.node}.${d.param}: no node "${d.node}" upstream of the search.`)
    const current = out.get(d.node) ?? {}
    out.set(d.node, { ...current, ...assign({ ...base, ...current }, d.param, point[i]) })
  })
  return out
}
