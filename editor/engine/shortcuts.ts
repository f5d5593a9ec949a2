import type { Editor } from '../store/editor'
import { copySelection, duplicateSelection, pasteText } from './commands'
import { groupSelected } from './group-actions'
import { runGraph } from './run-actions'

/** The shortcut list, shown in the help panel; the handlers below implement exactly these. */
export const SHORTCUTS: [keys: string, what: string][] = [
  ['Delete / Backspace', 'Delete the selected nodes and wires'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Shift + Ctrl/⌘ + Z', 'Redo'],
  ['Ctrl/⌘ + C, Ctrl/⌘ + V', 'Copy and paste nodes (also between tabs)'],
  ['Ctrl/⌘ + D', 'Duplicate the selected nodes'],
  ['Ctrl/⌘ + A', 'Select all nodes'],
  ['Ctrl/⌘ + G', 'Group the selected nodes (double-click a group to open it)'],
  ['Shift + Ctrl/⌘ + G', 'Ungroup the selected group'],
  ['Ctrl/⌘ + Enter', 'Run all'],
  ['Shift + Ctrl/⌘ + Enter', 'Run up to the selected node'],
  ['Shift + click, Shift + drag', 'Add to the selection, select by box'],
  ['?', 'Show this help'],
]

/** What Ctrl/⌘ + a key does (the key lower-cased); `shift` says whether Shift was held too. */
const WITH_MOD = new Map<string, (ed: Editor, shift: boolean) => void>([
  ['z', (ed, shift) => (shift ? ed.graph.getState().redo() : ed.graph.getState().undo())],
  ['y', (ed) => ed.graph.getState().redo()],
  ['d', (ed) => duplicateSelection(ed)],
  ['g', (ed, shift) => (shift ? ed.graph.getState().ungroupSelected() : groupSelected(ed))],
  ['a', (ed) => ed.graph.getState().select(ed.graph.getState().nodes.map((n) => n.id))],
  ['enter', (ed, shift) => void runGraph(ed, shift ? 'to-selected' : 'all')],
])

/** Typing in a field keeps the browser's own shortcuts (undo text, copy text). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

type KeyEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target' | 'preventDefault'>

/** The editor's keyboard shortcuts (SHORTCUTS), for a keydown anywhere on the page. */
export function onShortcutKey(ed: Editor, e: KeyEvent): void {
  if (typing(e.target)) return
  // Only the canvas and the page itself: a dialog's buttons keep their own keys.
  if (e.key !== 'Escape' && (e.target as HTMLElement | null)?.closest?.('[role=dialog]')) return
  const mod = e.ctrlKey || e.metaKey
  const action = mod ? WITH_MOD.get(e.key.toLowerCase()) : undefined
  if (action) {
    e.preventDefault()
    action(ed, e.shiftKey)
  } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
    e.preventDefault()
    ed.graph.getState().deleteSelected()
  } else if (e.key === '?') {
    ed.ui.getState().openDialog('help')
  } else if (e.key === 'Escape') {
    ed.ui.getState().openDialog(null)
    ed.ui.getState().showProblems(null)
  }
}

/** Copy and cut of the selected nodes, as text any tab can paste. */
export function onCopyNodes(ed: Editor, e: ClipboardEvent): void {
  if (typing(e.target) || document.getSelection()?.toString()) return
  const text = copySelection(ed)
  if (!text || !e.clipboardData) return
  e.clipboardData.setData('text/plain', text)
  e.preventDefault()
  if (e.type === 'cut') ed.graph.getState().deleteSelected()
}

/** Paste of nodes or a whole graph; anything else gets a message. */
export function onPasteNodes(ed: Editor, e: ClipboardEvent): void {
  if (typing(e.target)) return
  const text = e.clipboardData?.getData('text/plain')
  if (!text) return
  e.preventDefault()
  void pasteText(ed, text).then((ok) => {
    if (!ok) ed.ui.getState().toast('The clipboard holds no nodes or graph to paste.')
  })
}
