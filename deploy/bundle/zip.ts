import { unzipSync, zipSync, type Zippable } from 'fflate'
import type { BundleFiles } from './build'

/** Largest file taken from a bundle archive, as from a bundle folder: a model's weights, not a data set. */
export const MAX_BUNDLE_FILE = 512 * 2 ** 20
/** A bundle holds a handful of files (bundle.json, lineage.json, the model, weights, reference). */
const MAX_ENTRIES = 64

/**
 * A bundle as one .zip (what the editor's download button gives): its files inside a folder
 * named like the model, so unzipping it gives a bundle folder `pipeline serve` names the same.
 */
export function zipBundle(name: string, files: BundleFiles): Uint8Array {
  const tree: Zippable = {}
  for (const [path, bytes] of files) tree[`${name}/${path}`] = [bytes, { level: path.endsWith('.bin') ? 0 : 6 }]
  return zipSync(tree)
}

/**
 * The files of a bundle archive: at its top level or inside one folder. Refuses archives that are
 * not bundles, nest deeper, hold too many entries, or would unpack past the size limit (sizes are
 * checked from the archive's directory before anything is inflated).
 */
export function unzipBundle(bytes: Uint8Array, source = 'The archive'): BundleFiles {
  let entries = 0
  const raw = unzipSync(bytes, {
    filter(f) {
      if (++entries > MAX_ENTRIES) throw new Error(`${source} holds more than ${MAX_ENTRIES} entries; a model bundle has a handful.`)
      if (f.originalSize > MAX_BUNDLE_FILE) throw new Error(`${f.name} in ${source} is over ${MAX_BUNDLE_FILE / 2 ** 20} MB.`)
      return !f.name.endsWith('/')
    },
  })
  const names = Object.keys(raw)
  const folders = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')))
  const prefix = folders.size === 1 ? [...folders][0] : undefined
  if (prefix === undefined || names.some((n) => n.slice(prefix.length).includes('/'))) {
    throw new Error(`${source} is not a model bundle: its files must sit at the top or in one folder.`)
  }
  const files: BundleFiles = new Map(names.map((n) => [n.slice(prefix.length), raw[n]]))
  if (!files.has('bundle.json')) throw new Error(`${source} is not a model bundle: it has no bundle.json.`)
  return files
}
