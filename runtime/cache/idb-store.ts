import Dexie, { type Table } from 'dexie'
import type { EncodedValue } from '../values/codec'
import { openHeader, sealHeader, UnreadableEntry } from './entry-seal'
import type { EntryInfo, PersistentStore, RunRecord, StoredEntry, StoreStats } from './types'

/** The entry's sealed header (key, facts, payload checksum) and its check: see entry-seal.ts. */
interface EntryRow {
  key: string
  header: string
  check: string
  bytes: number
  lastUsed: number
}

interface BlobRow {
  key: string
  meta: string
  buffers: ArrayBuffer[]
  checksum: string
}

interface RecordRow {
  id: string
  record: RunRecord
}

class CacheDb extends Dexie {
  entries!: Table<EntryRow, string>
  blobs!: Table<BlobRow, string>
  records!: Table<RecordRow, string>

  constructor(name: string) {
    super(name)
    this.version(1).stores({ entries: 'key, lastUsed', blobs: 'key', records: 'id' })
    // Version 2 seals each entry; entries of version 1 have no check and are dropped.
    this.version(2)
      .stores({ entries: 'key, lastUsed', blobs: 'key', records: 'id' })
      .upgrade(async (tx) => {
        await tx.table('entries').clear()
        await tx.table('blobs').clear()
      })
  }
}

/** Writes between two counts of the entries' bytes (see IdbStore.knownBytes). */
const COUNT_EVERY = 256

/**
 * The browser persistent tier: IndexedDB through dexie, LRU-evicted past a size cap. Entries are
 * sealed as in the directory store; run records are one row per (graph, node).
 */
export class IdbStore implements PersistentStore {
  private readonly db: CacheDb
  /**
   * The entries' bytes as this store last counted them (a cursor over every entry row), plus its
   * own writes since: a write checks the cap against this instead of reading every row again
   * (thousands in a cache used for months). Another tab's writes are not in it, so it is counted
   * again every COUNT_EVERY writes and before anything is evicted.
   */
  private knownBytes: number | undefined
  private writesSinceCount = 0

  constructor(
    name = 'mlcanvas-cache',
    readonly capBytes = 1 * 2 ** 30,
  ) {
    this.db = new CacheDb(name)
  }

  async info(key: string): Promise<EntryInfo | undefined> {
    const row = await this.db.entries.get(key)
    return row && (await openHeader(row.header, row.check, key)).info
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const [blob, row] = await Promise.all([this.db.blobs.get(key), this.db.entries.get(key)])
    if (!blob || !row) return undefined
    const header = await openHeader(row.header, row.check, key)
    if (blob.checksum !== header.payload) throw new UnreadableEntry('payload does not match its entry')
    // Not awaited: the eviction order's bookkeeping, a write transaction of its own (several ms in Chromium)
    // that the caller need not wait for. Failing, it leaves this entry as old as it was.
    this.db.entries.update(key, { lastUsed: Date.now() }).catch(() => undefined)
    const buffers = blob.buffers.map((b) => new Uint8Array(b))
    return { info: header.info, value: { meta: blob.meta, buffers, checksum: blob.checksum, bytes: row.bytes } }
  }

  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    // Copy each buffer out: a view into a bigger buffer would store the whole buffer.
    const buffers = value.buffers.map((b) => b.slice().buffer as ArrayBuffer)
    const { text, check } = await sealHeader({ key, info, payload: value.checksum })
    // Both requests at once, not the second after the first's answer (a round trip more inside the transaction).
    await this.db.transaction('rw', this.db.entries, this.db.blobs, () =>
      Promise.all([
        this.db.blobs.put({ key, meta: value.meta, buffers, checksum: value.checksum }),
        this.db.entries.put({ key, header: text, check, bytes: value.bytes, lastUsed: Date.now() }),
      ]),
    )
    await this.evict(key, value.bytes)
  }

  async delete(key: string): Promise<void> {
    await this.db.transaction('rw', this.db.entries, this.db.blobs, () => Promise.all([this.db.entries.delete(key), this.db.blobs.delete(key)]))
  }

  async stats(): Promise<StoreStats> {
    let bytes = 0
    let entries = 0
    await this.db.entries.each((e) => {
      bytes += e.bytes
      entries += 1
    })
    return { entries, bytes, capBytes: this.capBytes }
  }

  async clear(): Promise<void> {
    await Promise.all([this.db.entries.clear(), this.db.blobs.clear(), this.db.records.clear()])
    this.knownBytes = 0
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    return (await this.db.records.get(`${scope}\u0000${nodeId}`))?.record
  }

  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    await this.db.records.put({ id: `${scope}\u0000${nodeId}`, record })
  }

  private async evict(keep: string, added: number) {
    const counted = this.knownBytes === undefined || ++this.writesSinceCount >= COUNT_EVERY
    if (counted) await this.count()
    else this.knownBytes! += added
    if (this.knownBytes! <= this.capBytes) return
    // Over the cap by this store's own sum: counted again first, for other tabs' writes and deletes.
    let total = counted ? this.knownBytes! : await this.count()
    const oldest = await this.db.entries.orderBy('lastUsed').toArray()
    for (const e of oldest) {
      if (total <= this.capBytes) break
      if (e.key === keep) continue
      await this.delete(e.key)
      total -= e.bytes
    }
    this.knownBytes = total
  }

  private async count(): Promise<number> {
    this.writesSinceCount = 0
    return (this.knownBytes = (await this.stats()).bytes)
  }

  close(): void {
    this.db.close()
  }
}
