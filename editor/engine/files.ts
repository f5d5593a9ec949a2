import { exampleData } from '../lib/examples'
import type { Editor } from '../store/editor'
import { refreshNow } from './sync'

/** Re-reads the names of uploaded files, so nodes can say which file is still missing. */
export async function refreshFiles(ed: Editor): Promise<void> {
  const list = await ed.engine().listFiles()
  ed.ui.setState({ files: list.map((f) => f.name) })
}

/**
 * Uploads a file for `file` params (it stays in this browser; graphs and links hold only its
 * name). `as` stores it under the name a graph already uses, e.g. "data/customers.csv".
 */
export async function uploadFile(ed: Editor, file: File, as = file.name): Promise<void> {
  await ed.engine().putFile(as, await file.arrayBuffer())
  await refreshFiles(ed)
  // The file's content hash is part of its readers' cache keys.
  await refreshNow(ed)
}

/** True when a param value names this file: the same name, or a path ending in it. */
export function namesFile(value: unknown, fileName: string): value is string {
  return typeof value === 'string' && (value === fileName || value.split('/').pop() === fileName)
}

/** Puts the examples' data files into this browser unless a file of that name is already there, so examples run in any deployed copy. */
export async function installExampleData(ed: Editor): Promise<void> {
  const have = new Set((await ed.engine().listFiles()).map((f) => f.name))
  const missing = exampleData.filter((f) => !have.has(f.name))
  for (const f of missing) await ed.engine().putFile(f.name, new TextEncoder().encode(f.text).buffer as ArrayBuffer)
}
