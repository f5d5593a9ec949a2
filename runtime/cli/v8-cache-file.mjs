import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { writeAtomically } from './write-atomically.mjs'

// A V8 code cache on disk: the key's bytes (which source and Node it was made for), then V8's data.
// code-cache.mjs keeps the bundle's, require-cache.mjs those of the packages it requires.

/** The stored code when it was made for this key, else undefined. */
export function readCache(file, key) {
  try {
    const bytes = readFileSync(file)
    return bytes.subarray(0, key.length).equals(key) ? bytes.subarray(key.length) : undefined
  } catch {
    return undefined
  }
}

/** Written by rename, so that a parallel start reads a whole cache or none; a folder it cannot write only costs the next start. */
export function writeCache(file, key, data) {
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeAtomically(file, Buffer.concat([key, data]))
    return true
  } catch {
    return false
  }
}
