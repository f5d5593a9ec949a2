import Dexie, { type Table } from 'dexie'
import type { GraphDocument } from '../../runtime/document/schema'

interface Saved {
  id: 'current'
  doc: GraphDocument
  selected: string[]
  savedAt: number
}

/** The editor's own small database (separate from the result cache): the open graph. */
class EditorDb extends Dexie {
  state!: Table<Saved, string>
  constructor() {
    super('mlcanvas-editor')
    this.version(1).stores({ state: 'id' })
  }
}

let db: EditorDb | undefined
const open = () => (db ??= new EditorDb())

export async function saveSession(doc: GraphDocument, selected: string[]): Promise<void> {
  await open().state.put({ id: 'current', doc, selected, savedAt: Date.now() })
}

/** The graph open before the reload, or undefined on a first visit (or unreadable storage). */
export async function loadSession(): Promise<Omit<Saved, 'id'> | undefined> {
  try {
    return await open().state.get('current')
  } catch {
    return undefined
  }
}
