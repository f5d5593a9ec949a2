import { z } from 'zod'
import type { RegisteredNode } from './define-node'

/**
 * Params checked without zod. Planning a 10 000-node graph parses every fresh params object;
 * zod's object parse (payloads, issue arrays, a memo entry) was a large part of that. Most
 * params are JSON primitives with a default and a range, which a compiled per-type checker
 * decides in a few comparisons. It only ever says "valid, and this is zod's output"; anything
 * it is not sure of (a wrong value, an unknown key, a schema it does not know) goes to zod,
 * so error messages are zod's.
 */
type Check = (value: unknown) => boolean

interface Field {
  name: string
  check: Check
  /** Copies an accepted value as zod's output holds it (arrays are copied, primitives kept). */
  copy: boolean
  /** When the key is absent: zod's default (a getter that clones), or undefined to leave it out. */
  absent: { default: () => unknown } | undefined
}

export interface FastParams {
  /** zod's parsed output (defaults filled in, keys in declaration order), or undefined when zod must decide. */
  parse(params: object): Record<string, unknown> | undefined
  /** Whether parse would give an output, without making it (validation of a type with no `check`). */
  accepts(params: object): boolean
}

// zod attaches this `when` to every length check; a length check with another one is not ours to judge.
const lengthWhen = (s: z.ZodType) => (s._zod.def as { checks?: z.core.$ZodCheck[] }).checks?.[0]._zod.def.when
const LENGTH_WHEN = new Set([lengthWhen(z.string().max(1)), lengthWhen(z.string().min(1)), lengthWhen(z.array(z.string()).max(1))])

/** One check of a number, string or array, or undefined for a check this path does not know. */
function checkOf(check: z.core.$ZodCheck, kind: 'number' | 'string' | 'array'): Check | undefined {
  const def = check._zod.def as z.core.$ZodCheckDef & { value?: unknown; inclusive?: boolean; format?: string; maximum?: number; minimum?: number }
  const length = (v: unknown) => (v as string | unknown[]).length
  if (kind === 'number' && !def.when) {
    const bound = def.value
    if (def.check === 'greater_than' && typeof bound === 'number') return def.inclusive ? (v) => (v as number) >= bound : (v) => (v as number) > bound
    if (def.check === 'less_than' && typeof bound === 'number') return def.inclusive ? (v) => (v as number) <= bound : (v) => (v as number) < bound
    if (def.check === 'number_format' && def.format === 'safeint') return (v) => Number.isSafeInteger(v)
    return undefined
  }
  if (kind === 'number' || !LENGTH_WHEN.has(def.when)) return undefined
  // zod counts a string's code points; its UTF-16 length is never less, and equal when it has no surrogates.
  if (def.check === 'max_length' && typeof def.maximum === 'number') {
    const max = def.maximum
    return (v) => length(v) <= max
  }
  if (def.check === 'min_length' && typeof def.minimum === 'number') {
    const min = def.minimum
    if (kind === 'array') return (v) => length(v) >= min
    return (v) => length(v) >= 2 * min || (length(v) >= min && !/[\uD800-\uDFFF]/.test(v as string))
  }
  return undefined
}

/** A check of a value against a leaf schema (number, boolean, enum, string, array of those), or undefined. */
function leafCheck(schema: z.ZodType): Check | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { coerce?: boolean; format?: string; element?: z.ZodType }
  if (def.coerce || def.format) return undefined
  const kind = def.type
  if (kind !== 'number' && kind !== 'string' && kind !== 'array' && def.checks?.length) return undefined
  const checks: Check[] = []
  for (const c of def.checks ?? []) {
    const check = checkOf(c, kind as 'number' | 'string' | 'array')
    if (!check) return undefined
    checks.push(check)
  }
  // A loop, not checks.every(c => c(v)): that allocates a closure per value checked.
  const all = (v: unknown) => {
    for (let k = 0; k < checks.length; k++) if (!checks[k](v)) return false
    return true
  }
  if (kind === 'number') return (v) => typeof v === 'number' && Number.isFinite(v) && all(v)
  if (kind === 'string') return (v) => typeof v === 'string' && all(v)
  if (kind === 'boolean') return (v) => typeof v === 'boolean'
  if (kind === 'enum') {
    const values = schema._zod.values!
    return (v) => values.has(v as string)
  }
  const element = kind === 'array' && def.element && def.element._zod.def.type !== 'array' ? leafCheck(def.element) : undefined
  if (!element) return undefined
  return (v) => Array.isArray(v) && everyItem(v, element) && all(v)
}

/** Like every(), but a hole counts as undefined (as zod reads it), not as skipped. */
function everyItem(items: unknown[], check: Check): boolean {
  for (let i = 0; i < items.length; i++) if (!check(items[i])) return false
  return true
}

function fieldOf(name: string, schema: z.ZodType): Field | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.ZodType; defaultValue?: unknown }
  const wrapped = def.type === 'default' || def.type === 'optional'
  const inner = wrapped ? def.innerType! : schema
  // An optional default, a nested wrapper or a required field: zod decides.
  if (!wrapped || inner._zod.def.type === 'default' || inner._zod.def.type === 'optional') return undefined
  const check = leafCheck(inner)
  if (!check) return undefined
  const absent = def.type === 'default' ? { default: () => def.defaultValue } : undefined
  return { name, check, copy: inner._zod.def.type === 'array', absent }
}

const compiled = new WeakMap<RegisteredNode, FastParams | null>()

/** The fast checker of a node type's params, or undefined when one of its fields needs zod. */
export function fastParams(def: RegisteredNode): FastParams | undefined {
  let fast = compiled.get(def)
  if (fast === undefined) compiled.set(def, (fast = compile(def.paramsSchema.shape) ?? null))
  return fast ?? undefined
}

function compile(shape: Record<string, z.ZodType>): FastParams | undefined {
  const fields: Field[] = []
  for (const name of Object.keys(shape)) {
    // zod reads `key in input`: a name that plain objects inherit is not a plain lookup.
    if (name in Object.prototype || name === '__proto__') return undefined
    const field = fieldOf(name, shape[name])
    if (!field) return undefined
    fields.push(field)
  }
  const known = new Set(fields.map((f) => f.name))
  return {
    parse: (params) => (plainWithKnownKeys(params, known) ? parse(fields, params as Record<string, unknown>) : undefined),
    accepts: (params) => plainWithKnownKeys(params, known) && accepts(fields, params as Record<string, unknown>),
  }
}

/** A plain object (as JSON.parse makes) whose keys are all declared params. */
function plainWithKnownKeys(params: object, known: ReadonlySet<string>): boolean {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return false
  const proto = Object.getPrototypeOf(params)
  if (proto !== Object.prototype && proto !== null) return false
  for (const key in params) if (!known.has(key)) return false
  return true
}

function accepts(fields: readonly Field[], input: Record<string, unknown>): boolean {
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k]
    if (!Object.hasOwn(input, field.name)) continue
    const v = input[field.name]
    if (v === undefined || !field.check(v)) return false
  }
  return true
}

function parse(fields: readonly Field[], input: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k]
    if (!Object.hasOwn(input, field.name)) {
      if (field.absent) out[field.name] = field.absent.default()
      continue
    }
    const v = input[field.name]
    if (v === undefined || !field.check(v)) return undefined
    out[field.name] = field.copy ? (v as unknown[]).slice() : v
  }
  return out
}
