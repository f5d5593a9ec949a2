import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadGraph, saveGraph } from '../../editor/engine/autosave-db'
import { startEditor } from '../../editor/engine/start'
import { encodeShareFragment } from '../../editor/lib/share-link'
import { currentDoc } from '../../editor/store/selectors'
import { headlessEditor } from '../../editor/testing/headless-editor'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

afterEach(() => vi.unstubAllGlobals())

/** Boots the headless editor as a page opened at `hash` would, with `saved` in the autosave. */
async function boot(hash: string, breakValidate: boolean) {
  const ed = headlessEditor(testRegistry())
  await saveGraph({ id: 'kept-graph', doc: graph([['kept', 'test.const', { value: 4 }]]), selected: [], savedAt: Date.now() })
  vi.stubGlobal('location', { hash, pathname: '/', search: '' })
  vi.stubGlobal('history', { replaceState: () => undefined })
  const validate = ed.runtime.validate.bind(ed.runtime)
  let calls = 0
  // The first check (the link's) fails the way an unexpected bug would: by throwing.
  ed.runtime.validate = async (doc) => {
    if (breakValidate && calls++ === 0) throw new Error('Maximum call stack size exceeded')
    return validate(doc)
  }
  await startEditor(ed, async () => ed.runtime)
  return ed
}


describe('a bad share link', () => {
  it.each([
    ['damaged', '#g=not-deflate-data', false, /damaged/],
    ['too deeply nested', encodeShareFragment(JSON.stringify({ ...graph([]), meta: { x: JSON.parse('['.repeat(100) + ']'.repeat(100)) } })), false, /Nested more than 64 levels/],
    ['breaking the checks', encodeShareFragment(JSON.stringify(graph([['a', 'test.const']]))), true, /Maximum call stack/],
  ])('%s: says so, opens the autosaved graph, and keeps autosaving', async (_name, hash, breakValidate, message) => {
    const ed = await boot(hash, breakValidate)
    const problems = ed.ui.getState().problems
    expect(problems?.title).toMatch(/share link/)
    expect(problems?.items.map((i) => i.message).join(' ')).toMatch(message)
    expect(currentDoc(ed).nodes.map((n) => n.id)).toEqual(['kept'])

    ed.graph.getState().setParam('kept', 'value', 9)
    await vi.waitFor(async () => expect((await loadGraph(ed.graphId))?.doc.nodes[0].params).toEqual({ value: 9 }), { timeout: 3000 })
  })
})
