import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { FileProvider } from '../exec/executor'
import { hashBytes } from '../keys/hash'

/** Largest file a node may read; bigger files get a clear message rather than an out-of-memory crash. */
export const MAX_FILE_BYTES = 512 * 2 ** 20

/** Resolves `file` params as paths relative to the graph document's folder and hashes their content. */
export function nodeFileProvider(baseDir: string): FileProvider {
  return {
    async resolve(value) {
      const path = resolve(baseDir, value)
      const info = await stat(path).catch(() => undefined)
      if (!info?.isFile()) throw new Error(`File not found: ${value} (looked in ${path}).`)
      if (info.size > MAX_FILE_BYTES) {
        throw new Error(`File ${value} is ${(info.size / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB.`)
      }
      const bytes = new Uint8Array(await readFile(path))
      return { name: value, bytes, hash: await hashBytes([bytes]) }
    },
  }
}
