import type { Recipe } from '../keys/cache-keys'
import type { EncodedValue } from '../values/codec'
import type { Summary } from '../values/summary'

/** Small facts kept beside each cache entry, readable without decoding the value. */
export interface EntryInfo {
  summary: Summary
  /** How long the node took when it ran. */
  ms: number
  bytes: number
  createdAt: number
}

/** What a node last ran with, per graph (scope) and node id: used to say why a node re-runs. */
export interface RunRecord {
  key: string
  recipe: Recipe
}

export interface StoreStats {
  entries: number
  bytes: number
  capBytes: number
}

/** An entry as read back: its verified facts and its value (the payload is verified on decode). */
export interface StoredEntry {
  info: EntryInfo
  value: EncodedValue
}

/**
 * A persistent tier: a directory in Node, IndexedDB in the browser. Every entry is sealed with
 * one check over its key, its facts and its payload's checksum (entry-seal.ts). Reads of absent
 * entries give undefined; reads of damaged ones throw, and the tiered cache turns that into a
 * miss with reason "unreadable cache entry".
 */
export interface PersistentStore {
  info(key: string): Promise<EntryInfo | undefined>
  read(key: string): Promise<StoredEntry | undefined>
  write(key: string, value: EncodedValue, info: EntryInfo): Promise<void>
  delete(key: string): Promise<void>
  stats(): Promise<StoreStats>
  clear(): Promise<void>
  getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined>
  putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void>
}
