import type { RunRecord } from './types'

/** A run record as a directory or object store writes it: with the names it is stored under (its file name is their hashes). */
interface SavedRecord {
  scope: string
  nodeId: string
  record: RunRecord
}

/** The text a store writes for a run record. */
export const recordText = (scope: string, nodeId: string, record: RunRecord): string => JSON.stringify({ scope, nodeId, record } satisfies SavedRecord)

/** The record in `text` when it was written for this scope and node, else undefined; throws on text that is not JSON. */
export function recordFromText(text: string, scope: string, nodeId: string): RunRecord | undefined {
  const saved = JSON.parse(text) as SavedRecord
  return saved.scope === scope && saved.nodeId === nodeId ? saved.record : undefined
}
