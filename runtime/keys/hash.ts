import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { createXXHash64 } from 'hash-wasm'

/** SHA-256 of a short string, hex. Synchronous: cache keys are computed on every edit. */
export function hashString(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32)
}

/** Fast non-cryptographic hash of byte buffers (file contents, cache checksums), hex. */
export async function hashBytes(parts: readonly ArrayBufferView[]): Promise<string> {
  const h = await createXXHash64()
  h.init()
  for (const part of parts) h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
  return h.digest('hex')
}
