import { hashBytes } from '../keys/hash'

/**
 * A value as stored: JSON metadata plus binary payloads. Any tree of plain objects, arrays,
 * numbers (NaN and ±Infinity included), strings, booleans, null, typed arrays and
 * ArrayBuffers encodes this way: tables, tensors' data, trained model weights, metrics.
 */
export interface EncodedValue {
  meta: string
  buffers: Uint8Array[]
  /** xxhash64 of meta and buffers; a mismatch on read means a corrupt entry (a cache miss). */
  checksum: string
  bytes: number
}

const TYPED = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Uint8ClampedArray,
} as const
type TypedName = keyof typeof TYPED
type Typed = InstanceType<(typeof TYPED)[TypedName]>

function typedName(v: ArrayBufferView): TypedName | undefined {
  const name = v.constructor.name as TypedName
  return name in TYPED ? name : undefined
}

function bytesOf(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
}

/** Splits a value into JSON metadata and binary buffers (not copied). */
export async function encodeValue(value: unknown): Promise<EncodedValue> {
  const buffers: Uint8Array[] = []
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) }
    if (v === undefined) return { $undef: 1 }
    if (v === null || typeof v !== 'object') return v
    if (ArrayBuffer.isView(v)) {
      const name = typedName(v)
      if (!name) throw new Error(`Cannot store a ${v.constructor.name}.`)
      buffers.push(bytesOf(v))
      return { $ta: name, i: buffers.length - 1 }
    }
    if (v instanceof ArrayBuffer) {
      buffers.push(new Uint8Array(v))
      return { $ab: buffers.length - 1 }
    }
    if (Array.isArray(v)) return v.map(walk)
    const proto = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`Cannot store a ${(v as object).constructor?.name ?? 'class instance'}: values must be plain data.`)
    }
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = walk(x)
    return out
  }
  const meta = JSON.stringify(walk(value))
  const metaBytes = new TextEncoder().encode(meta)
  const checksum = await hashBytes([metaBytes, ...buffers])
  const bytes = metaBytes.byteLength + buffers.reduce((s, b) => s + b.byteLength, 0)
  return { meta, buffers, checksum, bytes }
}

/** Rebuilds a value; throws when the checksum or structure does not match. */
export async function decodeValue(enc: EncodedValue): Promise<unknown> {
  const metaBytes = new TextEncoder().encode(enc.meta)
  const checksum = await hashBytes([metaBytes, ...enc.buffers])
  if (checksum !== enc.checksum) throw new Error('checksum mismatch')
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.map(walk)
    const o = v as Record<string, unknown>
    if (typeof o.$num === 'string') return Number(o.$num)
    if (o.$undef === 1) return undefined
    if (typeof o.$ta === 'string') return typedView(o.$ta as TypedName, enc.buffers[o.i as number])
    if (typeof o.$ab === 'number') return copyOut(enc.buffers[o.$ab])
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(o)) out[k] = walk(x)
    return out
  }
  return walk(JSON.parse(enc.meta))
}

function copyOut(bytes: Uint8Array | undefined): ArrayBuffer {
  if (!bytes) throw new Error('missing buffer')
  return bytes.slice().buffer
}

function typedView(name: TypedName, bytes: Uint8Array | undefined): Typed {
  const Ctor = TYPED[name]
  if (!Ctor || !bytes) throw new Error('bad typed array reference')
  const size = Ctor.BYTES_PER_ELEMENT
  if (bytes.byteLength % size) throw new Error('typed array length mismatch')
  // Views need aligned offsets; copy only when the stored bytes are not aligned.
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice()
  return new Ctor(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size)
}

/** Rough in-memory size of a decoded value, for the memory tier's byte budget. */
export function estimateBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 8
  if (typeof value === 'string') return 16 + value.length * 2
  if (typeof value !== 'object') return 8
  if (ArrayBuffer.isView(value)) return value.byteLength
  if (value instanceof ArrayBuffer) return value.byteLength
  if (depth > 64) return 0
  let total = 32
  for (const v of Array.isArray(value) ? value : Object.values(value)) total += estimateBytes(v, depth + 1)
  return total
}
