import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { BundleFiles } from '../bundle/build'
import { MAX_BUNDLE_FILE as MAX_FILE, unzipBundle } from '../bundle/zip'

/** Writes a bundle folder; the files go to a temporary folder first, so a failed export leaves no half bundle. */
export async function writeBundleDir(dir: string, files: BundleFiles): Promise<void> {
  const target = resolve(dir)
  const existing = await readdir(target).catch(() => undefined)
  if (existing === undefined && (await stat(target).catch(() => undefined))) throw new Error(`${dir} exists and is not a folder.`)
  if (existing?.length && !existing.includes('bundle.json')) {
    throw new Error(`${dir} exists and is not a model bundle; give a new folder (an older bundle there is replaced).`)
  }
  const tmp = `${target}.tmp-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  for (const [path, bytes] of files) await writeFile(join(tmp, path), bytes)
  await rm(target, { recursive: true, force: true })
  await rename(tmp, target)
}

const isZip = (path: string) => /\.zip$/i.test(path)

/** Reads every file of a bundle folder (names only, no sub-folders), or of a bundle .zip (the editor's download). */
export async function readBundleDir(dir: string): Promise<BundleFiles> {
  const archive = isZip(dir) ? await stat(dir).catch(() => undefined) : undefined
  if (archive?.isFile()) {
    if (archive.size > MAX_FILE) throw new Error(`${dir} is over ${MAX_FILE / 2 ** 20} MB.`)
    return unzipBundle(new Uint8Array(await readFile(dir)), dir)
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new Error(`Cannot read bundle folder ${dir}.`)
  })
  if (!entries.some((e) => e.name === 'bundle.json')) throw new Error(`${dir} is not a model bundle: it has no bundle.json.`)
  const files: BundleFiles = new Map()
  for (const e of entries) {
    if (!e.isFile()) continue
    const bytes = await readFile(join(dir, e.name))
    if (bytes.byteLength > MAX_FILE) throw new Error(`${e.name} in ${dir} is over ${MAX_FILE / 2 ** 20} MB.`)
    files.set(e.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  return files
}

/** The model name a bundle folder (or .zip) serves under: the folder's own name (the archive's, without .zip). */
export const bundleDirName = (dir: string) => basename(resolve(dir)).replace(/\.zip$/i, '')
