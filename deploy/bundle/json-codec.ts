/**
 * JSON with typed arrays and non-finite numbers, for the bundle's plain-data files (lineage
 * states, classical models). A typed array becomes `{"$typed": "Float64Array", "values": [...]}`;
 * JavaScript prints every finite double so that it parses back to the same bits, so nothing
 * is lost. NaN and ±Infinity become `{"$num": "NaN"}`.
 */

const TYPED = { Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Uint8Array, Uint16Array, Uint32Array } as const
type TypedName = keyof typeof TYPED

const isTypedName = (n: unknown): n is TypedName => typeof n === 'string' && Object.hasOwn(TYPED, n)

/** Nesting deeper than this is refused on read: a bundle is untrusted input. */
const MAX_DEPTH = 64

function encode(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) }
  if (v === null || typeof v !== 'object') return v
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name
    if (!isTypedName(name)) throw new Error(`Cannot write a ${name} into a bundle.`)
    return { $typed: name, values: Array.from(v as unknown as ArrayLike<number>, (x) => encode(x)) }
  }
  if (Array.isArray(v)) return v.map(encode)
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, encode(x)]))
}

/** Serializes plain data with typed arrays to JSON text. */
export function toBundleJson(value: unknown, indent?: number): string {
  return JSON.stringify(encode(value), null, indent)
}

const NON_FINITE: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity }

function decode(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Error(`The bundle nests data deeper than ${MAX_DEPTH} levels.`)
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => decode(x, depth + 1))
  const o = v as Record<string, unknown>
  if (Object.hasOwn(o, '$num') && typeof o.$num === 'string' && Object.hasOwn(NON_FINITE, o.$num)) return NON_FINITE[o.$num]
  if (Object.hasOwn(o, '$typed')) {
    if (!isTypedName(o.$typed) || !Array.isArray(o.values)) throw new Error('The bundle holds a malformed typed array.')
    const values = o.values.map((x) => decode(x, depth + 1))
    if (!values.every((x) => typeof x === 'number')) throw new Error('The bundle holds a typed array with non-numbers.')
    return TYPED[o.$typed].from(values as number[])
  }
  // Object.fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x, depth + 1)]))
}

/** Parses JSON text written by `toBundleJson`. */
export function fromBundleJson(text: string): unknown {
  return decode(JSON.parse(text), 0)
}
