import type { EncodedValue } from './codec'

const MAGIC = 0x564c434d // "MCLV"
const ALIGN = 8

const pad = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN

/**
 * One contiguous byte layout for an encoded value (used by the directory store):
 * magic, header length, JSON header {checksum, meta, sizes}, then 8-byte aligned buffers.
 */
export function packValue(enc: EncodedValue): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ checksum: enc.checksum, meta: enc.meta, sizes: enc.buffers.map((b) => b.byteLength) }),
  )
  let total = 8 + header.byteLength
  total += pad(total)
  for (const b of enc.buffers) total += b.byteLength + pad(b.byteLength)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, header.byteLength, true)
  out.set(header, 8)
  let offset = 8 + header.byteLength
  offset += pad(offset)
  for (const b of enc.buffers) {
    out.set(b, offset)
    offset += b.byteLength + pad(b.byteLength)
  }
  return out
}

/** Reads a packed value; throws on a truncated or foreign file. Buffers are views, not copies. */
export function unpackValue(bytes: Uint8Array): EncodedValue {
  if (bytes.byteLength < 8) throw new Error('truncated entry')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a cache entry')
  const headerLength = view.getUint32(4, true)
  if (8 + headerLength > bytes.byteLength) throw new Error('truncated entry')
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    checksum: string
    meta: string
    sizes: number[]
  }
  let offset = 8 + headerLength
  offset += pad(offset)
  const buffers = header.sizes.map((size) => {
    if (offset + size > bytes.byteLength) throw new Error('truncated entry')
    const b = bytes.subarray(offset, offset + size)
    offset += size + pad(size)
    return b
  })
  const metaBytes = new TextEncoder().encode(header.meta).byteLength
  return { meta: header.meta, buffers, checksum: header.checksum, bytes: metaBytes + header.sizes.reduce((a, b) => a + b, 0) }
}
