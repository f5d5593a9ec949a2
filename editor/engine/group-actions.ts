import type { Editor } from '../store/editor'
import { portNames } from '../store/selectors'

/** Shows the inside of group `id` in place, fitted to the view. */
export function openGroup(ed: Editor, id: string): void {
  const before = ed.graph.getState().path.length
  ed.graph.getState().enterGroup(id)
  if (ed.graph.getState().path.length > before) ed.ui.getState().requestFit()
}

/** Goes back up until `depth` groups are open, fitted to the view. */
export function leaveGroup(ed: Editor, depth: number): void {
  ed.graph.getState().leaveTo(depth, portNames(ed))
  ed.ui.getState().requestFit()
}

/** Groups the selected nodes (Ctrl/⌘+G); says so when nothing is selected. */
export function groupSelected(ed: Editor): void {
  if (!ed.graph.getState().groupSelected(portNames(ed))) ed.ui.getState().toast('Select the nodes to group first.')
}
