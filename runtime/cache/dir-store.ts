import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { hashString } from '../keys/hash'
import type { EncodedValue } from '../values/codec'
import { packValue, unpackValue } from '../values/pack'
import type { EntryInfo, PersistentStore, RunRecord, StoreStats } from './types'

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
 * The Node persistent tier: one packed file per entry plus a small JSON of its facts.
 * Writes go to a temporary file then rename, so a killed process never leaves half an entry.
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
    return { folder, bin: join(folder, `${key}.bin`), info: join(folder, `${key}.json`) }
  }

  async info(key: string): Promise<EntryInfo | undefined> {
    try {
      return JSON.parse(await readFile(this.paths(key).info, 'utf8')) as EntryInfo
    } catch {
      return undefined
    }
  }

  async read(key: string): Promise<EncodedValue | undefined> {
    const { bin } = this.paths(key)
    let bytes: Buffer
    try {
      bytes = await readFile(bin)
    } catch {
      return undefined
    }
    const now = new Date()
    await utimes(bin, now, now).catch(() => undefined)
    this.sizes?.set(key, { bytes: bytes.byteLength, used: now.getTime() })
    return unpackValue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }

  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    const { folder, bin, info: infoPath } = this.paths(key)
    await mkdir(folder, { recursive: true })
    const packed = packValue(value)
    const tmp = `${bin}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    await writeFile(tmp, packed)
    await writeFile(`${tmp}.json`, JSON.stringify(info))
    await rename(`${tmp}.json`, infoPath)
    await rename(tmp, bin)
    const sizes = await this.loadSizes()
    sizes.set(key, { bytes: packed.byteLength, used: Date.now() })
    await this.evict(key)
  }

  async delete(key: string): Promise<void> {
    const { bin, info } = this.paths(key)
    await rm(bin, { force: true })
    await rm(info, { force: true })
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
