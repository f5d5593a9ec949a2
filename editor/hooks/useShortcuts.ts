import { useEffect } from 'react'
import { onCopyNodes, onPasteNodes, onShortcutKey } from '../engine/shortcuts'
import { useEditor } from '../store'

/** Editor-wide keyboard shortcuts and clipboard handling (editor/engine/shortcuts.ts). */
export function useShortcuts(): void {
  const ed = useEditor()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onShortcutKey(ed, e)
    const onCopy = (e: ClipboardEvent) => onCopyNodes(ed, e)
    const onPaste = (e: ClipboardEvent) => onPasteNodes(ed, e)
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
