import { renameSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** The cache directory cannot be used (a file, unwritable, impossible to create): the user's to fix. */
export class CacheDirError extends Error {}

/**
 * Below this size a file is written with blocking calls: each asynchronous call is a round trip
 * through libuv's thread pool (a futex wake-up each way), which on a 10 001-node chain cost more
 * CPU than the writes themselves; a bigger value is written asynchronously, so a large table does
 * not hold up the event loop (progress, pool messages) while it is written.
 */
const BLOCKING_WRITE_BYTES = 64 * 1024

/** Writes a file so that readers see the old content or the new one, never a part. */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    if (data.length <= BLOCKING_WRITE_BYTES) {
      writeFileSync(tmp, data)
      renameSync(tmp, path)
    } else {
      await writeFile(tmp, data)
      await rename(tmp, path)
    }
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

const code = (e: unknown) => (e as { code?: string }).code

/**
 * mkdir -p that stops: Node's recursive mkdir loops forever where a parent exists but refuses
 * children (`/proc/nope`). This walks up to the first existing folder, then creates each level once.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = []
  for (let at = resolve(dir); ; at = dirname(at)) {
    const info = await stat(at).catch((e) => {
      if (code(e) === 'ENOENT') return undefined
      throw new CacheDirError(`Cannot use cache directory ${dir}: ${code(e) ?? (e as Error).message} on ${at}.`)
    })
    if (info && !info.isDirectory()) throw new CacheDirError(`Cache directory ${dir}: ${at} is a file, not a directory.`)
    if (info || dirname(at) === at) break
    missing.push(at)
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((e) => {
      if (code(e) !== 'EEXIST') throw new CacheDirError(`Cannot create cache directory ${dir}: ${code(e) ?? (e as Error).message} on ${folder}.`)
    })
  }
}

export interface EntrySizes {
  /** entry key → file size and last use (mtime) */
  entries: Map<string, { bytes: number; used: number }>
  /** Bytes in temporary files of writes still in progress (other live processes). */
  pendingBytes: number
  /** Orphaned temporary files removed. */
  swept: number
}

/** Temporary files older than this are orphans even when their pid names a live process (pid reuse, other hosts). */
const ORPHAN_AGE_MS = 60 * 60 * 1000

/** Whether a temporary file was left by a writer that is gone (killed, crashed). */
function isOrphan(file: string, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > ORPHAN_AGE_MS) return true
  const pid = Number(/\.(\d+)\.[0-9a-z]+\.tmp$/.exec(file)?.[1])
  if (!Number.isSafeInteger(pid) || pid <= 0) return true
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    return code(e) === 'ESRCH'
  }
}

/**
 * Sizes of every entry, read once at start; temporary files of killed writers and sidecars of
 * the old unsealed format are removed, those of live writers are counted toward the cap.
 */
export async function scanEntries(dir: string): Promise<EntrySizes> {
  const out: EntrySizes = { entries: new Map(), pendingBytes: 0, swept: 0 }
  for (const sub of ['entries', 'records']) {
    const root = join(dir, sub)
    for (const folder of await readdir(root).catch(() => [] as string[])) {
      for (const file of await readdir(join(root, folder)).catch(() => [] as string[])) {
        const isEntry = sub === 'entries' && file.endsWith('.bin')
        const isTemp = file.endsWith('.tmp')
        const isOldSidecar = sub === 'entries' && file.endsWith('.json')
        if (!isEntry && !isTemp && !isOldSidecar) continue
        const path = join(root, folder, file)
        const info = await stat(path).catch(() => undefined)
        if (!info) continue
        if (isEntry) out.entries.set(file.slice(0, -4), { bytes: info.size, used: info.mtimeMs })
        else if (isTemp && !isOrphan(file, info.mtimeMs)) out.pendingBytes += info.size
        else if (await rm(path, { force: true }).then(() => true, () => false)) out.swept += isTemp ? 1 : 0
      }
    }
  }
  return out
}
