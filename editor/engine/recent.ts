import type { Editor } from '../store/editor'
import type { SavedGraph } from './autosave-db'
import { applyDocument } from './open-document'
import { autosave } from './sync'
import { claimGraph } from './tab-graph'

/**
 * Opens a saved graph in this tab (one undo step). This tab's current graph stays saved. A
 * graph another tab has open is opened as a copy, so the two tabs never write one record.
 */
export async function openRecent(ed: Editor, rec: SavedGraph, openElsewhere: boolean): Promise<boolean> {
  await autosave(ed)
  await applyDocument(ed, rec.doc, { selected: rec.selected })
  if (openElsewhere) {
    ed.ui.getState().toast(`"${rec.doc.meta?.title ?? 'Untitled'}" is open in another tab: this is a copy.`)
    return true
  }
  ed.graphId = rec.id
  claimGraph(rec.id)
  ed.run.setState({ lastRun: rec.lastRun })
  return true
}
