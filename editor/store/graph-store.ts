import { temporal } from 'zundo'
import type { StoreApi } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { takenIds } from '../lib/group-levels'
import { editsSlice } from './graph-edits'
import { groupsSlice } from './graph-groups'
import { historySlice } from './graph-history'
import { loadSlice } from './graph-load'
import { selectionSlice } from './graph-selection'
import type { GraphState, History, SliceContext, UndoState } from './graph-state'
import { sameUndoState, undoable } from './undo-state'

/** Builds a graph store that owns its undo history (zundo); one per editor. */
export function createGraphStore() {
  return createStore<GraphState>()(
    temporal<GraphState, [], [], UndoState>(
      (set, get, store) => {
        const c: SliceContext = {
          set,
          get,
          // The middleware adds `temporal` to the store; the creator's store type does not show it yet.
          temporal: () => (store as unknown as { temporal: StoreApi<History> }).temporal,
          allIds: () => takenIds(get().path, get().nodes, get().edges),
        }
        return {
          nodes: [],
          edges: [],
          meta: { title: 'Untitled pipeline' },
          path: [],
          ...loadSlice(c),
          ...editsSlice(c),
          ...selectionSlice(c),
          ...groupsSlice(c),
          ...historySlice(c),
        }
      },
      { partialize: undoable, equality: sameUndoState, limit: 200 },
    ),
  )
}

export type GraphStore = ReturnType<typeof createGraphStore>
