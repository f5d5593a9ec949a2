import type { GraphDocument } from '../../runtime/document/schema'
import { flattenGroups } from '../../runtime/graph/groups'
import { wireAncestors } from '../../runtime/graph/wire-ancestors'
import { paramSchemas, type DescriptorMap, type ParamSchema } from './flow-types'
import { paramProblem } from './param-check'
import { nodeTitle } from './node-title'

/** One searched param as the document saves it (nodes/select/space-param.ts is the schema). */
export type Kind = 'list' | 'choice' | 'int' | 'float' | 'log'
export type Scalar = number | string | boolean
export interface Dim {
  node: string
  param: string
  kind: Kind
  values?: Scalar[]
  min?: number
  max?: number
  step?: number
  steps?: number
}

/** A param the search can vary: a path (`learningRate`, `layers.0.units`), its schema and current value. */
export interface SearchableParam {
  path: string
  title: string
  schema: ParamSchema
  value: unknown
}

/** A node upstream of the search's Result input, with the params a dimension may name. */
export interface SearchTarget {
  id: string
  title: string
  params: SearchableParam[]
}

const isNumeric = (s: ParamSchema) => s.type === 'number' || s.type === 'integer'
/** Params a dimension can hold: numbers, booleans, choices and free text (not files, columns or JSON). */
const searchable = (s: ParamSchema) => isNumeric(s) || s.type === 'boolean' || !!s.enum || s.ui === 'text'

/** A node's searchable params; list params with fields (hidden layers) give one path per item and field. */
function paramsOf(schemas: Record<string, ParamSchema>, params: Record<string, unknown>): SearchableParam[] {
  const out: SearchableParam[] = []
  for (const [name, schema] of Object.entries(schemas)) {
    const value = Object.hasOwn(params, name) ? params[name] : schema.default
    if (searchable(schema)) out.push({ path: name, title: schema.title ?? name, schema, value })
    const fields = schema.items?.properties as Record<string, ParamSchema> | undefined
    if (!fields || !Array.isArray(value)) continue
    value.forEach((item: unknown, i) => {
      for (const [field, fs] of Object.entries(fields)) {
        if (!searchable(fs)) continue
        const v = item && typeof item === 'object' && Object.hasOwn(item, field) ? (item as Record<string, unknown>)[field] : fs.default
        out.push({ path: `${name}.${i}.${field}`, title: `${schema.title ?? name} ${i + 1}: ${fs.title ?? field}`, schema: fs, value: v })
      }
    })
  }
  return out
}

/**
 * The nodes a search node can tune: every node upstream of what feeds its `result` input, at any
 * depth of groups (in document order), with their searchable params.
 */
export function searchTargets(doc: GraphDocument, searchId: string, descriptors: DescriptorMap): SearchTarget[] {
  const flat = flattenGroups(doc)
  const feed = flat.edges.find((e) => e.to.node === searchId && e.to.port === 'result')
  if (!feed) return []
  const upstream = wireAncestors(feed.from.node, flat.edges)
  return flat.nodes
    .filter((n) => upstream.has(n.id))
    .map((n) => {
      const desc = descriptors.get(n.type)
      return { id: n.id, title: nodeTitle(n.label, n.type, descriptors), params: paramsOf(paramSchemas(desc), n.params) }
    })
    .filter((t) => t.params.length > 0)
}

/** The kinds that fit a param: ranges for numbers (int for whole numbers), lists and choices for everything. */
export function kindsFor(schema: ParamSchema): Kind[] {
  if (schema.type === 'integer') return ['int', 'list', 'choice']
  if (schema.type === 'number') return ['float', 'log', 'list', 'choice']
  return ['choice', 'list']
}

const round = (x: number) => Number(x.toPrecision(6))

/** A first dimension for a param: a range around its current value, or all its options. */
export function newDimension(node: string, p: SearchableParam): Dim {
  return convertDimension({ node, param: p.path, kind: 'list', values: [] }, kindsFor(p.schema)[0], p)
}

/** `d` as another kind, keeping what carries over (a range's ends become a list and back). */
export function convertDimension(d: Dim, kind: Kind, p: SearchableParam | undefined): Dim {
  const base = { node: d.node, param: d.param }
  const numbers = [...(d.values ?? []), d.min, d.max].filter((v): v is number => typeof v === 'number')
  const current = typeof p?.value === 'number' ? p.value : undefined
  const lo = numbers.length ? Math.min(...numbers) : current !== undefined ? current / 2 : 0
  const hi = numbers.length ? Math.max(...numbers) : current !== undefined ? current * 2 : 1
  if (kind === 'int') return { ...base, kind, min: Math.round(lo), max: Math.round(hi) }
  if (kind === 'float') return { ...base, kind, min: round(lo), max: round(hi) }
  if (kind === 'log') return { ...base, kind, min: round(lo > 0 ? lo : hi > 0 ? hi / 100 : 0.001), max: round(hi > 0 ? hi : 1) }
  if (d.values?.length) return { ...base, kind, values: d.values }
  if (p?.schema.enum) return { ...base, kind, values: p.schema.enum as Scalar[] }
  if (p?.schema.type === 'boolean') return { ...base, kind, values: [true, false] }
  const ends = d.min !== undefined && d.max !== undefined ? [d.min, d.max] : []
  return { ...base, kind, values: ends.length ? [...new Set(ends)] : p?.value !== undefined ? [p.value as Scalar] : [] }
}

/** Why a dimension cannot run as it is, in the words the form shows under its row (empty: fine). */
export function dimensionProblems(d: Dim, targets: readonly SearchTarget[], space: readonly Dim[]): string[] {
  const target = targets.find((t) => t.id === d.node)
  if (!target) return [`No node “${d.node}” feeds the search's Result input any more: pick another node or remove this row.`]
  const p = target.params.find((q) => q.path === d.param)
  if (!p) return [`${target.title} has no param “${d.param}” (any more): pick another param or remove this row.`]
  const out: string[] = []
  if (space.filter((o) => o.node === d.node && o.param === d.param).length > 1) out.push(`${p.title} is searched twice: remove one row.`)
  if (d.kind === 'list' || d.kind === 'choice') {
    if (!d.values?.length) out.push('Give at least one value.')
    for (const v of d.values ?? []) {
      const why = paramProblem(p.schema, v)
      if (why) out.push(`${String(v)}: ${why}`)
    }
    return out
  }
  if (d.min === undefined || d.max === undefined) return [...out, 'Give both ends of the range.']
  if (d.min > d.max) out.push(`The lowest value ${d.min} is above the highest ${d.max}.`)
  if (d.kind === 'log' && !(d.min > 0)) out.push('A log range needs values above 0.')
  for (const [end, v] of [['lowest', d.min], ['highest', d.max]] as const) {
    const why = paramProblem(p.schema, v)
    if (why) out.push(`The ${end} value ${v}: ${why}`)
  }
  return out
}

/** Parses "0.1, 0.2" or "relu, tanh" into values of the param's type; a problem names the first bad item. */
export function parseValues(text: string, schema: ParamSchema | undefined): { values: Scalar[] } | { problem: string } {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const values: Scalar[] = []
  for (const item of items) {
    if (schema?.type === 'boolean') {
      if (item !== 'true' && item !== 'false') return { problem: `“${item}” is not true or false.` }
      values.push(item === 'true')
    } else if (schema && isNumeric(schema)) {
      const n = Number(item)
      if (!Number.isFinite(n)) return { problem: `“${item}” is not a number.` }
      values.push(n)
    } else values.push(item)
  }
  return { values }
}
