import { hashBytes } from '../keys/hash'
import type { EncodedValue } from '../values/codec'
import { packValue, unpackValue } from '../values/pack'
import type { EntryInfo } from './types'

/**
 * What binds a stored value to its key: the key, the entry's facts and the checksum of the
 * payload (meta + buffers). One check over this header covers all three, so a flipped bit in
 * the facts, or an entry copied over another key's, is caught before anything is shown.
 */
export interface EntryHeader {
  key: string
  info: EntryInfo
  /** EncodedValue.checksum of the stored value. */
  payload: string
}

/** A stored entry that cannot be trusted: a miss with reason "unreadable cache entry". */
export class UnreadableEntry extends Error {}

const utf8 = new TextEncoder()

/** The header as stored text and its check. */
export async function sealHeader(header: EntryHeader): Promise<{ text: string; check: string }> {
  const text = JSON.stringify(header)
  return { text, check: await hashBytes([utf8.encode(text)]) }
}

/** Verifies a stored header against its check and the key it was looked up by. */
export async function openHeader(text: string, check: string, key: string): Promise<EntryHeader> {
  if ((await hashBytes([utf8.encode(text)])) !== check) throw new UnreadableEntry('entry check mismatch')
  let header: EntryHeader
  try {
    header = JSON.parse(text) as EntryHeader
  } catch {
    throw new UnreadableEntry('entry header is not JSON')
  }
  if (header?.key !== key) throw new UnreadableEntry('entry belongs to another key')
  if (typeof header.payload !== 'string' || typeof header.info !== 'object' || !header.info) {
    throw new UnreadableEntry('entry header is incomplete')
  }
  return header
}

// One file per entry: magic, header length, check (16 hex digits), header JSON, padding to 8
// bytes, then the packed value. Header and value are published together by one rename.
const MAGIC = 0x3245434d // "MCE2"
const PREFIX = 24
const pad8 = (n: number) => (8 - (n % 8)) % 8

/** The bytes of an entry file. */
export async function packEntry(key: string, value: EncodedValue, info: EntryInfo): Promise<Uint8Array> {
  const { text, check } = await sealHeader({ key, info, payload: value.checksum })
  const header = utf8.encode(text)
  const body = packValue(value)
  const start = PREFIX + header.byteLength + pad8(PREFIX + header.byteLength)
  const out = new Uint8Array(start + body.byteLength)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, header.byteLength, true)
  out.set(utf8.encode(check), 8) // xxhash64 in hex: always 16 digits
  out.set(header, PREFIX)
  out.set(body, start)
  return out
}

/** How many leading bytes of an entry file hold its header (from its first 8 bytes). */
export function headerBytes(prefix: Uint8Array): number {
  if (prefix.byteLength < 8) throw new UnreadableEntry('truncated entry')
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8)
  if (view.getUint32(0, true) !== MAGIC) throw new UnreadableEntry('not a cache entry')
  return PREFIX + view.getUint32(4, true)
}

/** The verified header of an entry file, given at least its first `headerBytes` bytes. */
export async function readHeader(bytes: Uint8Array, key: string): Promise<EntryHeader> {
  const end = headerBytes(bytes)
  if (bytes.byteLength < end) throw new UnreadableEntry('truncated entry')
  const text = new TextDecoder()
  return openHeader(text.decode(bytes.subarray(PREFIX, end)), text.decode(bytes.subarray(8, PREFIX)), key)
}

/** The verified value of a whole entry file; its payload checksum is checked again on decode. */
export async function unpackEntry(bytes: Uint8Array, key: string): Promise<{ header: EntryHeader; value: EncodedValue }> {
  const header = await readHeader(bytes, key)
  const end = headerBytes(bytes)
  let value: EncodedValue
  try {
    value = unpackValue(bytes.subarray(end + pad8(end)))
  } catch (e) {
    throw new UnreadableEntry((e as Error).message)
  }
  if (value.checksum !== header.payload) throw new UnreadableEntry('payload does not match its entry')
  return { header, value }
}
