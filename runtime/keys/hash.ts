import { blake3 } from '@noble/hashes/blake3.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { Xxh128 } from './xxh128'
import { Xxh64 } from './xxh64'

// Created once (wasm instantiation is async); used synchronously afterwards, because cache
// keys are recomputed on every edit of a 10 000-node graph within a frame budget. A page whose
// Content-Security-Policy forbids WebAssembly gets a pure-JS hash instead: slower, and its keys
// differ (a cache written with the other hash only misses), but the app still works.
let keyHasher = await Xxh128.create().catch(() => undefined)
// Checksums of cache entries: one hasher, made on first use (each hash runs init → digest without an await).
let byteHasher: Promise<Xxh64> | undefined

/**
 * Creates the key hasher again. The CLI's start-up snapshot (runtime/cli/snapshot.mjs) is built where
 * WebAssembly does not exist, so this module's top level found none and chose the other hash; the
 * snapshot's start calls this before any key is computed, or its keys would differ from a plain start's.
 */
export async function restartKeyHasher(): Promise<void> {
  keyHasher = await Xxh128.create().catch(() => undefined)
  byteHasher = undefined
}

/**
 * 128-bit xxHash (XXH3-128) of a string's UTF-8 bytes, hex. Cache keys need speed and no accidental
 * collisions (2^-64 birthday bound over billions of entries), not resistance to an attacker.
 */
export function hashString(text: string): string {
  if (!keyHasher) return bytesToHex(blake3(utf8ToBytes(text), { dkLen: 16 }))
  return keyHasher.hexOfText(text)
}

/** hashString of the text these UTF-8 bytes spell, as 32 hex digits written to `out[at ..]` (no string made). */
export function hashUtf8Into(bytes: Uint8Array, out: Uint8Array, at: number): void {
  if (keyHasher) return keyHasher.hexInto(bytes, out, at)
  const hex = bytesToHex(blake3(bytes, { dkLen: 16 }))
  for (let d = 0; d < hex.length; d++) out[at + d] = hex.charCodeAt(d)
}

/** Fast non-cryptographic hash of byte buffers (file contents, cache checksums), hex. */
export async function hashBytes(parts: readonly ArrayBufferView[]): Promise<string> {
  const views = parts.map((part) => new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
  if (!keyHasher) {
    const h = blake3.create({ dkLen: 8 })
    for (const v of views) h.update(v)
    return bytesToHex(h.digest())
  }
  return (await (byteHasher ??= Xxh64.create())).hex(views)
}
