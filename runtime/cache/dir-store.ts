import { mkdir, open, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { hashString } from '../keys/hash'
import type { EncodedValue } from '../values/codec'
import { headerBytes, packEntry, readHeader, unpackEntry } from './entry-seal'
import type { EntryInfo, PersistentStore, RunRecord, StoredEntry, StoreStats } from './types'

const KEY_RE = /^[0-9a-f]{16,64}$/

/** A run record as stored, with the names it was stored under (file names are their hashes). */
interface SavedRecord {
  scope: string
  nodeId: string
  record: RunRecord
}

/** Writes a file so that readers see the old content or the new one, never a part. */
async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    await writeFile(tmp, data)
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

/**
 * The Node persistent tier: one file per entry (sealed header with the entry's facts, then the
 * packed value). Writes go to a temporary file then rename, so a killed process never leaves
 * half an entry and header and value are always published together.
 * Least recently read entries (by mtime) are evicted past the size cap.
 */
export class DirStore implements PersistentStore {
  private sizes?: Map<string, { bytes: number; used: number }>
  /** Folders this process has already created. */
  private readonly folders = new Set<string>()

  constructor(
    readonly dir: string,
    readonly capBytes = 4 * 2 ** 30,
  ) {}

  private paths(key: string) {
    if (!KEY_RE.test(key)) throw new Error(`bad cache key ${key}`)
    const folder = join(this.dir, 'entries', key.slice(0, 2))
    return { folder, file: join(folder, `${key}.bin`) }
  }

  /** The entry's facts, reading only its header; throws UnreadableEntry when it cannot be trusted. */
  async info(key: string): Promise<EntryInfo | undefined> {
    const handle = await open(this.paths(key).file, 'r').catch(() => undefined)
    if (!handle) return undefined
    try {
      let bytes = new Uint8Array(4096)
      let { bytesRead } = await handle.read(bytes, 0, bytes.byteLength, 0)
      const need = headerBytes(bytes.subarray(0, bytesRead))
      if (need > bytesRead) {
        bytes = new Uint8Array(need)
        bytesRead = (await handle.read(bytes, 0, need, 0)).bytesRead
      }
      return (await readHeader(bytes.subarray(0, bytesRead), key)).info
    } finally {
      await handle.close()
    }
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const { file } = this.paths(key)
    const bytes = await readFile(file).catch(() => undefined)
    if (!bytes) return undefined
    const now = new Date()
    await utimes(file, now, now).catch(() => undefined)
    this.sizes?.set(key, { bytes: bytes.byteLength, used: now.getTime() })
    const { header, value } = await unpackEntry(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), key)
    return { info: header.info, value }
  }

  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    const { folder, file } = this.paths(key)
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true })
      this.folders.add(folder)
    }
    const bytes = await packEntry(key, value, info)
    await writeAtomically(file, bytes)
    const sizes = await this.loadSizes()
    sizes.set(key, { bytes: bytes.byteLength, used: Date.now() })
    await this.evict(key)
  }

  async delete(key: string): Promise<void> {
    await rm(this.paths(key).file, { force: true })
    this.sizes?.delete(key)
  }

  async stats(): Promise<StoreStats> {
    const sizes = await this.loadSizes()
    let bytes = 0
    for (const s of sizes.values()) bytes += s.bytes
    return { entries: sizes.size, bytes, capBytes: this.capBytes }
  }

  async clear(): Promise<void> {
    await rm(join(this.dir, 'entries'), { recursive: true, force: true })
    await rm(join(this.dir, 'records'), { recursive: true, force: true })
    this.sizes = new Map()
    this.folders.clear()
  }

  /** One file per (graph, node): writers never rewrite each other's records. */
  private recordPath(scope: string, nodeId: string) {
    const folder = join(this.dir, 'records', hashString(scope))
    return { folder, file: join(folder, `${hashString(nodeId)}.json`) }
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    try {
      const saved = JSON.parse(await readFile(this.recordPath(scope, nodeId).file, 'utf8')) as SavedRecord
      return saved.scope === scope && saved.nodeId === nodeId ? saved.record : undefined
    } catch {
      return undefined
    }
  }

  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    const { folder, file } = this.recordPath(scope, nodeId)
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true })
      this.folders.add(folder)
    }
    const saved: SavedRecord = { scope, nodeId, record }
    await writeAtomically(file, JSON.stringify(saved))
  }

  /** Sizes and last-use times of every entry, read from disk once per process. */
  private async loadSizes() {
    if (this.sizes) return this.sizes
    const sizes = new Map<string, { bytes: number; used: number }>()
    const root = join(this.dir, 'entries')
    for (const folder of await readdir(root).catch(() => [] as string[])) {
      for (const file of await readdir(join(root, folder)).catch(() => [] as string[])) {
        if (!file.endsWith('.bin')) continue
        const s = await stat(join(root, folder, file)).catch(() => undefined)
        if (s) sizes.set(file.slice(0, -4), { bytes: s.size, used: s.mtimeMs })
      }
    }
    this.sizes = sizes
    return sizes
  }

  private async evict(keep: string) {
    const sizes = await this.loadSizes()
    let total = 0
    for (const s of sizes.values()) total += s.bytes
    if (total <= this.capBytes) return
    const oldest = [...sizes].filter(([k]) => k !== keep).sort((a, b) => a[1].used - b[1].used)
    for (const [key, s] of oldest) {
      if (total <= this.capBytes) break
      await this.delete(key)
      total -= s.bytes
    }
  }
}
