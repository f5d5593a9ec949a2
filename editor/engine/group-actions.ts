import { findNode } from '../../runtime/graph/groups'
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

/** Opens group `groupId` and the groups inside it down to `innerId`, and selects that node (a card's failed inner node). */
export function revealInner(ed: Editor, groupId: string, innerId: string): void {
  const group = ed.graph.getState().nodes.find((n) => n.id === groupId)?.data.group
  const found = group && findNode(group, innerId)
  if (!found) return
  for (const id of [groupId, ...found.parents]) ed.graph.getState().enterGroup(id)
  ed.graph.getState().select([innerId])
  ed.ui.getState().requestFit()
}
