import type { GraphSlice, UndoState } from './graph-state'
import { same, undoable } from './undo-state'

/** Undo, redo, and a drag as one undo step. */
export const historySlice: GraphSlice<'undo' | 'redo' | 'beginGesture' | 'endGesture'> = ({ get, temporal }) => {
  let gestureStart: UndoState | undefined
  return {
    undo: () => temporal().getState().undo(),
    redo: () => temporal().getState().redo(),
    beginGesture: () => {
      gestureStart = undoable(get())
      temporal().getState().pause()
    },
    // Positions streamed while paused; the one step recorded is the state the drag started from.
    endGesture: () => {
      const t = temporal()
      t.getState().resume()
      const before = gestureStart
      gestureStart = undefined
      if (before && !same(before.nodes, undoable(get()).nodes)) {
        t.setState({ pastStates: [...t.getState().pastStates, before], futureStates: [] })
      }
    },
  }
}
