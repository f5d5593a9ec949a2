import { describe, expect, it, vi } from 'vitest'
import { chainGraph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { openDocument } from './open-document'
import { onShortcutKey } from './shortcuts'

/** A keydown as the page gets it; `where` is where focus is (a field, a dialog, or the page). */
function key(spec: string, where: 'page' | 'field' | 'dialog' = 'page') {
  const parts = spec.split('+')
  const target = where === 'field' ? { tagName: 'INPUT' } : where === 'dialog' ? { tagName: 'BUTTON', closest: () => ({}) } : null
  return {
    key: parts.at(-1)!,
    ctrlKey: parts.includes('Control'),
    metaKey: parts.includes('Meta'),
    shiftKey: parts.includes('Shift'),
    target: target as EventTarget | null,
    preventDefault: vi.fn(),
  }
}

describe('keyboard shortcuts', () => {
  const ids = (ed: ReturnType<typeof headlessEditor>) => ed.graph.getState().nodes.map((n) => n.id)
  const selected = (ed: ReturnType<typeof headlessEditor>) => ed.graph.getState().nodes.filter((n) => n.selected).map((n) => n.id)

  it('selects all, deletes, undoes and redoes (Ctrl/⌘, Shift+Ctrl+Z and Ctrl+Y)', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    const all = key('Control+a')
    onShortcutKey(ed, all)
    expect(all.preventDefault).toHaveBeenCalled()
    expect(selected(ed)).toEqual(['a', 'b', 'c', 'z'])
    onShortcutKey(ed, key('Delete'))
    expect(ids(ed)).toEqual([])
    onShortcutKey(ed, key('Meta+z'))
    expect(ids(ed)).toEqual(['a', 'b', 'c', 'z'])
    onShortcutKey(ed, key('Control+Shift+Z'))
    expect(ids(ed)).toEqual([])
    onShortcutKey(ed, key('Control+z'))
    onShortcutKey(ed, key('Control+y'))
    expect(ids(ed)).toEqual([])
  })

  it('groups with Ctrl+G, ungroups with Shift+Ctrl+G, runs all with Ctrl+Enter', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().select(['a', 'b'])
    onShortcutKey(ed, key('Control+g'))
    expect(ed.graph.getState().nodes.map((n) => n.data.nodeType).sort()).toEqual(['group', 'test.add', 'test.const'])
    onShortcutKey(ed, key('Control+Shift+G'))
    expect(ids(ed).sort()).toEqual(['a', 'b', 'c', 'z'])
    onShortcutKey(ed, key('Control+Enter'))
    await vi.waitFor(() => expect(ed.run.getState().runs.get('c')?.phase).toBe('done'))
  })

  it('opens the help with ?, closes dialogs with Escape even from inside one, and leaves other keys in dialogs and fields alone', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    onShortcutKey(ed, key('?'))
    expect(ed.ui.getState().dialog).toBe('help')
    ed.graph.getState().select(['a'])
    for (const where of ['dialog', 'field'] as const) {
      const del = key('Delete', where)
      onShortcutKey(ed, del)
      expect(del.preventDefault).not.toHaveBeenCalled()
    }
    expect(ids(ed)).toEqual(['a', 'b', 'c', 'z'])
    onShortcutKey(ed, key('Escape', 'dialog'))
    expect(ed.ui.getState().dialog).toBe(null)
    const plain = key('Control+q')
    onShortcutKey(ed, plain)
    expect(plain.preventDefault).not.toHaveBeenCalled()
  })
})
