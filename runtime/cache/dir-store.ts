import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { access, constants, readFile, rm, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { hashString } from '../keys/hash'
import type { EncodedValue } from '../values/codec'
import { CacheDirError, makeDirectory, scanEntries, writeAtomically, type EntrySizes } from './dir-files'
import { headerBytes, packEntry, readHeader, unpackEntry } from './entry-seal'
import { recordFromText, recordText } from './record-text'
import type { EntryInfo, PersistentStore, RunRecord, StoredEntry, StoreStats } from './types'

const KEY_RE = /^[0-9a-f]{16,64}$/

/**
 * The Node persistent tier: one file per entry (sealed header with the entry's facts, then the
 * packed value). Writes go to a temporary file then rename, so a killed process never leaves
 * half an entry and header and value are always published together.
 * Least recently read entries (by mtime) are evicted past the size cap. Temporary files of killed
 * writers are swept when the store first scans the folder; those of live writers count toward the cap.
 */
export class DirStore implements PersistentStore {
  private scan?: Promise<EntrySizes>
  /** Folders this process has already created. */
  private readonly folders = new Set<string>()

  constructor(
    readonly dir: string,
    readonly capBytes = 4 * 2 ** 30,
  ) {}

  /**
   * A store over `dir`, created if needed and checked writable. The folder is scanned (entry sizes for the
   * cap, orphaned temporary files swept) when an entry is first read, written or counted, not here: a run
   * served from the cache reads entry headers only, and listing and stating every entry cost each such
   * run time that grew with the cache.
   * Throws CacheDirError with a message for the user when the directory cannot serve.
   */
  static async open(dir: string, capBytes?: number): Promise<DirStore> {
    await makeDirectory(dir)
    await access(dir, constants.W_OK | constants.X_OK).catch((e) => {
      throw new CacheDirError(`Cache directory ${dir} is not writable (${(e as { code?: string }).code}).`)
    })
    return new DirStore(dir, capBytes)
  }

  /** Orphaned temporary files this store removed when it first scanned its folder. */
  async swept(): Promise<number> {
    return (await this.sizes()).swept
  }

  private paths(key: string) {
    if (!KEY_RE.test(key)) throw new Error(`bad cache key ${key}`)
    const folder = join(this.dir, 'entries', key.slice(0, 2))
    return { folder, file: join(folder, `${key}.bin`) }
  }

  /**
   * The entry's facts, reading only its header; throws UnreadableEntry when it cannot be trusted. Read with
   * blocking calls, as records are: a header is a few hundred bytes, and each asynchronous call was a round
   * trip through libuv's thread pool (a run served from the cache makes one such read per node).
   */
  async info(key: string): Promise<EntryInfo | undefined> {
    let fd: number
    try {
      fd = openSync(this.paths(key).file, 'r')
    } catch {
      return undefined
    }
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(4096)
      let bytesRead = readSync(fd, bytes, 0, bytes.byteLength, 0)
      const need = headerBytes(bytes.subarray(0, bytesRead))
      if (need > bytesRead) {
        bytes = new Uint8Array(need)
        bytesRead = readSync(fd, bytes, 0, need, 0)
      }
      bytes = bytes.subarray(0, bytesRead)
    } finally {
      closeSync(fd)
    }
    return (await readHeader(bytes, key)).info
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const { file } = this.paths(key)
    const bytes = await readFile(file).catch(() => undefined)
    if (!bytes) return undefined
    const now = new Date()
    await utimes(file, now, now).catch(() => undefined)
    ;(await this.sizes()).entries.set(key, { bytes: bytes.byteLength, used: now.getTime() })
    const { header, value } = await unpackEntry(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), key)
    return { info: header.info, value }
  }

  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    const { folder, file } = this.paths(key)
    if (!this.folders.has(folder)) {
      await makeDirectory(folder)
      this.folders.add(folder)
    }
    const bytes = await packEntry(key, value, info)
    await writeAtomically(file, bytes)
    ;(await this.sizes()).entries.set(key, { bytes: bytes.byteLength, used: Date.now() })
    await this.evict(key)
  }

  async delete(key: string): Promise<void> {
    await rm(this.paths(key).file, { force: true })
    ;(await this.sizes()).entries.delete(key)
  }

  /** Entries and their bytes; bytes include writes in progress in other processes. */
  async stats(): Promise<StoreStats> {
    const sizes = await this.sizes()
    return { entries: sizes.entries.size, bytes: totalBytes(sizes), capBytes: this.capBytes }
  }

  async clear(): Promise<void> {
    await rm(join(this.dir, 'entries'), { recursive: true, force: true })
    await rm(join(this.dir, 'records'), { recursive: true, force: true })
    this.scan = Promise.resolve({ entries: new Map(), pendingBytes: 0, swept: 0 })
    this.folders.clear()
  }

  /** One file per (graph, node): writers never rewrite each other's records. */
  private recordPath(scope: string, nodeId: string) {
    const folder = join(this.dir, 'records', hashString(scope))
    return { folder, file: join(folder, `${hashString(nodeId)}.json`) }
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    try {
      // A small file, read with a blocking call (see info).
      return recordFromText(readFileSync(this.recordPath(scope, nodeId).file, 'utf8'), scope, nodeId)
    } catch {
      return undefined
    }
  }

  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    const { folder, file } = this.recordPath(scope, nodeId)
    if (!this.folders.has(folder)) {
      await makeDirectory(folder)
      this.folders.add(folder)
    }
    await writeAtomically(file, recordText(scope, nodeId, record))
  }

  /** Sizes of every entry, scanned (and swept) once per store. */
  private sizes(): Promise<EntrySizes> {
    this.scan ??= scanEntries(this.dir)
    return this.scan
  }

  private async evict(keep: string) {
    const sizes = await this.sizes()
    let total = totalBytes(sizes)
    if (total <= this.capBytes) return
    const oldest = [...sizes.entries].filter(([k]) => k !== keep).sort((a, b) => a[1].used - b[1].used)
    for (const [key, s] of oldest) {
      if (total <= this.capBytes) break
      await this.delete(key)
      total -= s.bytes
    }
  }
}

function totalBytes(sizes: EntrySizes): number {
  let bytes = sizes.pendingBytes
  for (const s of sizes.entries.values()) bytes += s.bytes
  return bytes
}
