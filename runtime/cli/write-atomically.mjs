import { renameSync, writeFileSync } from 'node:fs'

/**
 * Writes `file` under a temporary name, then renames it into place: a parallel start (CLI processes,
 * pool threads) reads a whole file or none. The launcher's files (bundle list, snapshot stamp, code
 * caches) are written this way.
 */
export function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, file)
}
