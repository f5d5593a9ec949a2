import { decodeValue, encodeValue, estimateBytes } from '../values/codec'
import { MemoryCache } from './memory-cache'
import type { EntryInfo, PersistentStore, RunRecord, StoreStats } from './types'

export type Lookup = { status: 'hit'; value: unknown } | { status: 'miss' } | { status: 'corrupt' }
export type Check = { status: 'hit'; info: EntryInfo } | { status: 'miss' } | { status: 'corrupt' }

export interface NodeCacheOptions {
  memoryBytes?: number
  /** Absent: memory only (`--no-cache` keeps results for the length of one run). */
  store?: PersistentStore
}

/** Memory tier in front of an optional persistent tier. A damaged entry is a miss, never an error. */
export class NodeCache {
  readonly memory: MemoryCache
  readonly store?: PersistentStore
  /** Records this cache read or wrote, by scope and node; null: the store had none when asked. */
  private readonly records = new Map<string, RunRecord | null>()

  constructor(opts: NodeCacheOptions = {}) {
    this.memory = new MemoryCache(opts.memoryBytes ?? 512 * 2 ** 20)
    this.store = opts.store
  }

  /** Whether a usable entry exists, with its facts, without decoding the value. */
  async check(key: string): Promise<Check> {
    const slot = this.memory.get(key)
    if (slot) return { status: 'hit', info: slot.info }
    if (!this.store) return { status: 'miss' }
    try {
      const info = await this.store.info(key)
      return info ? { status: 'hit', info } : { status: 'miss' }
    } catch {
      await this.store.delete(key).catch(() => undefined)
      return { status: 'corrupt' }
    }
  }

  /** Entry facts without decoding the value; undefined when there is no usable entry. */
  async info(key: string): Promise<EntryInfo | undefined> {
    const found = await this.check(key)
    return found.status === 'hit' ? found.info : undefined
  }

  async get(key: string): Promise<Lookup> {
    const slot = this.memory.get(key)
    if (slot) return { status: 'hit', value: slot.value }
    if (!this.store) return { status: 'miss' }
    try {
      const entry = await this.store.read(key)
      if (!entry) return { status: 'miss' }
      const value = await decodeValue(entry.value)
      this.memory.set(key, value, entry.info, estimateBytes(value))
      return { status: 'hit', value }
    } catch {
      await this.store.delete(key).catch(() => undefined)
      return { status: 'corrupt' }
    }
  }

  async put(key: string, value: unknown, info: Omit<EntryInfo, 'bytes' | 'createdAt'>): Promise<void> {
    const encoded = await encodeValue(value)
    const full: EntryInfo = { ...info, bytes: encoded.bytes, createdAt: Date.now() }
    this.memory.set(key, value, full, estimateBytes(value))
    await this.store?.write(key, encoded, full)
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    const id = `${scope}\u0000${nodeId}`
    const local = this.records.get(id)
    if (local) return local
    const stored = await this.store?.getRecord(scope, nodeId).catch(() => undefined)
    // Remembered, none too: the write after the node runs then does not ask the store again.
    this.records.set(id, stored ?? null)
    return stored
  }

  /** Remembers what a node ran with; a record that already names this key is not written again. */
  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    const id = `${scope}\u0000${nodeId}`
    const local = this.records.get(id)
    const known = local !== undefined ? local : await this.store?.getRecord(scope, nodeId).catch(() => undefined)
    this.records.set(id, record)
    if (known?.key === record.key) return
    await this.store?.putRecord(scope, nodeId, record)
  }

  async stats(): Promise<StoreStats & { memoryEntries: number; memoryBytes: number }> {
    const s = (await this.store?.stats()) ?? { entries: 0, bytes: 0, capBytes: 0 }
    return { ...s, memoryEntries: this.memory.size, memoryBytes: this.memory.bytes }
  }

  async clear(): Promise<void> {
    this.memory.clear()
    await this.store?.clear()
  }
}
