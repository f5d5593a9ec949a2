import Dexie, { type Table } from 'dexie'
import type { EncodedValue } from '../values/codec'
import type { EntryInfo, PersistentStore, RunRecord, StoreStats } from './types'

interface EntryRow {
  key: string
  info: EntryInfo
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
  }
}

/** The browser persistent tier: IndexedDB through dexie, LRU-evicted past a size cap. */
export class IdbStore implements PersistentStore {
  private readonly db: CacheDb

  constructor(
    name = 'mlcanvas-cache',
    readonly capBytes = 1 * 2 ** 30,
  ) {
    this.db = new CacheDb(name)
  }

  async info(key: string): Promise<EntryInfo | undefined> {
    return (await this.db.entries.get(key))?.info
  }

  async read(key: string): Promise<EncodedValue | undefined> {
    const [row, entry] = await Promise.all([this.db.blobs.get(key), this.db.entries.get(key)])
    if (!row || !entry) return undefined
    await this.db.entries.update(key, { lastUsed: Date.now() })
    const buffers = row.buffers.map((b) => new Uint8Array(b))
    return { meta: row.meta, buffers, checksum: row.checksum, bytes: entry.bytes }
  }

  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    // Copy each buffer out: a view into a bigger buffer would store the whole buffer.
    const buffers = value.buffers.map((b) => b.slice().buffer as ArrayBuffer)
    await this.db.transaction('rw', this.db.entries, this.db.blobs, async () => {
      await this.db.blobs.put({ key, meta: value.meta, buffers, checksum: value.checksum })
      await this.db.entries.put({ key, info, bytes: value.bytes, lastUsed: Date.now() })
    })
    await this.evict(key)
  }

  async delete(key: string): Promise<void> {
    await this.db.transaction('rw', this.db.entries, this.db.blobs, async () => {
      await this.db.entries.delete(key)
      await this.db.blobs.delete(key)
    })
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
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    return (await this.db.records.get(`${scope}\u0000${nodeId}`))?.record
  }

  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    await this.db.records.put({ id: `${scope}\u0000${nodeId}`, record })
  }

  private async evict(keep: string) {
    const { bytes } = await this.stats()
    let total = bytes
    if (total <= this.capBytes) return
    const oldest = await this.db.entries.orderBy('lastUsed').toArray()
    for (const e of oldest) {
      if (total <= this.capBytes) break
      if (e.key === keep) continue
      await this.delete(e.key)
      total -= e.bytes
    }
  }

  close(): void {
    this.db.close()
  }
}
