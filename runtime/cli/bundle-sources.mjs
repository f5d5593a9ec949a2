import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { writeAtomically } from './write-atomically.mjs'

/** Files, besides its sources, that a bundle and its snapshot are made with: the package lock, the bundler, the snapshot builder. */
const ALWAYS = ['package-lock.json', 'bundle.mjs', 'bundle-packages.mjs', 'bundle-on-use.mjs', 'code-cache.mjs', 'snapshot.mjs']

/** ALWAYS as absolute paths in the checkout at `root`: the `always` of isStale. */
export const alwaysFiles = (root) => ALWAYS.map((file) => (file.endsWith('.json') ? join(root, file) : join(root, 'runtime', 'cli', file)))

/** The file beside a bundle that lists the sources it was built from, one absolute path a line. */
const listFile = (bundle) => `${bundle}.sources`

/**
 * Whether `bundle` must be built again: it or its list of sources is missing, or one of those sources
 * (or of `always`: the bundler itself, the package lock) is gone or newer than it. A start stats the
 * ≈ 300 files the bundle was made of, synchronously (≈ 2 ms), instead of walking every source folder.
 * A file that no bundled file imports cannot change the bundle until one that is bundled changes to import it.
 */
export function isStale(bundle, always) {
  let built
  let sources
  try {
    built = statSync(bundle).mtimeMs
    sources = readFileSync(listFile(bundle), 'utf8').split('\n').filter(Boolean)
  } catch {
    return true
  }
  for (const file of [...sources, ...always]) {
    const changed = statSync(file, { throwIfNoEntry: false })?.mtimeMs
    if (changed === undefined || changed > built) return true
  }
  return false
}

/** Writes the list isStale reads, by rename: a parallel first start reads a whole list or none. */
export function writeSources(bundle, files) {
  writeAtomically(listFile(bundle), [...new Set(files)].sort().join('\n') + '\n')
}
