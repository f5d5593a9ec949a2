import { open, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { FileProvider } from '../exec/executor'
import { hashBytes } from '../keys/hash'

/** Largest file a node may read; bigger files get a clear message rather than an out-of-memory crash. */
export const MAX_FILE_BYTES = 512 * 2 ** 20

const inside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Resolves `file` params as paths relative to the graph document's folder and hashes their
 * content. A graph is untrusted input, so it reads only inside its own folder (after following
 * links) or inside the folders the user allowed with `--allow-read`; never a directory or device.
 */
export function nodeFileProvider(baseDir: string, allowRead: readonly string[] = []): FileProvider {
  const roots = Promise.all([baseDir, ...allowRead].map((dir) => realpath(dir).catch(() => resolve(dir))))
  return {
    async resolve(value, param = 'file') {
      const named = `${param} "${value}"`
      const path = resolve(baseDir, value)
      const real = await realpath(path).catch(() => undefined)
      if (!real) throw new Error(`File not found: ${value} (looked in ${path}).`)
      if (!(await roots).some((root) => inside(root, real))) {
        const link = real !== path ? ` (a link to ${real})` : ''
        throw new Error(
          `Refused to read ${named}${link}: a graph reads only files inside its own folder (${baseDir}). ` +
            'If you trust this graph, allow the folder with --allow-read.',
        )
      }
      const info = await stat(real)
      if (info.isDirectory()) throw new Error(`${named} is a folder, not a file.`)
      if (!info.isFile()) throw new Error(`${named} is not a regular file (a device, socket or pipe cannot be read).`)
      if (info.size > MAX_FILE_BYTES) {
        throw new Error(`File ${value} is ${(info.size / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB.`)
      }
      const bytes = await readAll(real, info.size)
      return { name: value, bytes, hash: await hashBytes([bytes]) }
    },
  }
}

/** Reads at most `size` bytes (the size checked above), so a file that grows meanwhile cannot exhaust memory. */
async function readAll(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const bytes = new Uint8Array(size)
    let read = 0
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read)
      if (bytesRead === 0) break
      read += bytesRead
    }
    return read === size ? bytes : bytes.subarray(0, read)
  } finally {
    await handle.close()
  }
}
