import { createXXHash128, createXXHash64 } from 'hash-wasm'

// Created once (wasm instantiation is async); used synchronously afterwards, because cache
// keys are recomputed on every edit of a 10 000-node graph within a frame budget.
const keyHasher = await createXXHash128()

/**
 * 128-bit xxHash of a string, hex. Cache keys need speed and no accidental collisions
 * (2^-64 birthday bound over billions of entries), not resistance to an attacker.
 */
export function hashString(text: string): string {
  keyHasher.init()
  keyHasher.update(text)
  return keyHasher.digest('hex')
}

/** Fast non-cryptographic hash of byte buffers (file contents, cache checksums), hex. */
export async function hashBytes(parts: readonly ArrayBufferView[]): Promise<string> {
  const h = await createXXHash64()
  h.init()
  for (const part of parts) h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
  return h.digest('hex')
}
