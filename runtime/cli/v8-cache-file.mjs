import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fnv1a } from '../keys/fnv1a.mjs'
import { writeAtomically } from './write-atomically.mjs'

// A V8 code cache on disk: the key's bytes (which source and Node it was made for), then V8's data.
// code-cache.mjs keeps the bundle's, require-cache.mjs those of the packages it requires.

/**
 * A suffix for cache file names that names the V8 flags this process runs with ('' with none). V8 rejects a
 * code cache made under other flags: the launcher's processes (the start-up snapshot's flags) and bin.mjs's
 * (none) keep caches of their own instead of rewriting each other's whenever the two alternate. Worker
 * threads inherit the process's flags. A hash, not node:crypto (≈ 10 ms of start-up).
 */
export function flagsSuffix() {
  const flags = []
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]
    if (arg === '--snapshot-blob') i++
    else if (!arg.startsWith('--snapshot-blob=')) flags.push(arg)
  }
  return flags.length ? `.${fnv1a(flags.join(' ')).toString(16)}` : ''
}

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
