import { useEffect } from 'react'
import { copySelection, duplicateSelection, pasteText } from '../engine/commands'
import { runGraph } from '../engine/run-actions'
import { groupSelected } from '../engine/group-actions'
import { useEditor } from '../store'

/** Typing in a field keeps the browser's own shortcuts (undo text, copy text). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** The shortcut list, shown in the help panel; the handler below implements exactly these. */
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

/** Editor-wide keyboard shortcuts and clipboard handling. */
export function useShortcuts(): void {
  const ed = useEditor()
  useEffect(() => {
    const g = () => ed.graph.getState()
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return
      // Only the canvas and the page itself: a dialog's buttons keep their own keys.
      if (e.key !== 'Escape' && (e.target as HTMLElement | null)?.closest?.('[role=dialog]')) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      if (mod && key === 'z') {
        e.preventDefault()
        if (e.shiftKey) g().redo()
        else g().undo()
      } else if (mod && key === 'y') {
        e.preventDefault()
        g().redo()
      } else if (mod && key === 'd') {
        e.preventDefault()
        duplicateSelection(ed)
      } else if (mod && key === 'g') {
        e.preventDefault()
        if (e.shiftKey) g().ungroupSelected()
        else groupSelected(ed)
      } else if (mod && key === 'a') {
        e.preventDefault()
        g().select(g().nodes.map((n) => n.id))
      } else if (mod && key === 'enter') {
        e.preventDefault()
        void runGraph(ed, e.shiftKey ? 'to-selected' : 'all')
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault()
        g().deleteSelected()
      } else if (e.key === '?') {
        ed.ui.getState().openDialog('help')
      } else if (e.key === 'Escape') {
        ed.ui.getState().openDialog(null)
        ed.ui.getState().showProblems(null)
      }
    }
    const onCopy = (e: ClipboardEvent) => {
      if (typing(e.target) || document.getSelection()?.toString()) return
      const text = copySelection(ed)
      if (!text || !e.clipboardData) return
      e.clipboardData.setData('text/plain', text)
      e.preventDefault()
      if (e.type === 'cut') g().deleteSelected()
    }
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e.target)) return
      const text = e.clipboardData?.getData('text/plain')
      if (!text) return
      e.preventDefault()
      void pasteText(ed, text).then((ok) => {
        if (!ok) ed.ui.getState().toast('The clipboard holds no nodes or graph to paste.')
      })
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('copy', onCopy)
    document.addEventListener('cut', onCopy)
    document.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('cut', onCopy)
      document.removeEventListener('paste', onPaste)
    }
  }, [ed])
}
