import Dexie, { type Table } from 'dexie'
import type { GraphDocument } from '../../runtime/document/schema'

/** One autosaved graph: each tab writes its own record, so tabs never overwrite each other. */
export interface SavedGraph {
  id: string
  doc: GraphDocument
  selected: string[]
  savedAt: number
  /** The last run's counts, shown again after a reload ("N ran · M cached"). */
  lastRun?: { ran: number; cached: number; ms: number }
  /** True from a run's start to its end: still true after a reload means the run was cut off. */
  running?: boolean
}

/** The editor's own small database (separate from the result cache): the graphs of every tab. */
class EditorDb extends Dexie {
  graphs!: Table<SavedGraph, string>
  constructor() {
    super('mlcanvas-editor')
    this.version(1).stores({ state: 'id' })
    // Version 1 kept one graph for all tabs under the id "current"; it becomes one of the list.
    this.version(2)
      .stores({ state: null, graphs: 'id, savedAt' })
      .upgrade(async (tx) => {
        const old = await tx.table('state').get('current')
        if (old) await tx.table('graphs').put({ ...old, id: 'current' })
      })
  }
}

/** Graphs kept in the list; older ones are dropped on save. */
const KEEP = 40

let db: EditorDb | undefined
const open = () => (db ??= new EditorDb())

export async function saveGraph(rec: SavedGraph): Promise<void> {
  await open().graphs.put(rec)
  const count = await open().graphs.count()
  if (count > KEEP) {
    const old = await open().graphs.orderBy('savedAt').limit(count - KEEP).primaryKeys()
    await open().graphs.bulkDelete(old)
  }
}

/** Changes part of a saved record (run start/end), leaving the rest. */
export async function patchGraph(id: string, patch: Partial<Omit<SavedGraph, 'id'>>): Promise<void> {
  // The untyped table: Dexie's key-path types recurse without end into a document's nested groups.
  await open().table('graphs').update(id, patch)
}

export async function loadGraph(id: string): Promise<SavedGraph | undefined> {
  try {
    return await open().graphs.get(id)
  } catch {
    return undefined
  }
}

/** Every saved graph, newest first (empty list when storage cannot be read). */
export async function listGraphs(): Promise<SavedGraph[]> {
  try {
    return (await open().graphs.orderBy('savedAt').reverse().toArray()).filter((g) => g.doc.nodes.length > 0)
  } catch {
    return []
  }
}
