import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

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
  const tmp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(tmp, Buffer.concat([key, data]))
    renameSync(tmp, file)
    return true
  } catch {
    return false
  }
}
