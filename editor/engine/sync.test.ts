import { describe, expect, it } from 'vitest'
import { graph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { loadGraph } from './autosave-db'
import { openDocument } from './open-document'
import { startSync } from './sync'

const settle = () => new Promise((r) => setTimeout(r, 400))

describe('autosave', () => {
  it('skips updates that change nothing saved, waits for the end of a drag, then saves where the node was dropped', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, graph([['a', 'test.const', { value: 1 }], ['b', 'test.add', {}]], ['a.out->b.a']), 'test')
    const stop = startSync(ed)
    try {
      const changes = ed.graph.getState().onNodesChange
      // React Flow measuring a card that scrolled into view: nothing to save.
      changes([{ type: 'dimensions', id: 'a', dimensions: { width: 200, height: 56 }, setAttributes: true }])
      await settle()
      expect(await loadGraph(ed.graphId)).toBeUndefined()
      // A slow drag: moves further apart than the autosave delay save nothing until the drop.
      changes([{ type: 'position', id: 'b', position: { x: 500, y: 80 }, dragging: true }])
      await settle()
      expect(await loadGraph(ed.graphId)).toBeUndefined()
      changes([{ type: 'position', id: 'b', dragging: false }])
      await settle()
      const saved = await loadGraph(ed.graphId)
      expect(saved?.doc.nodes.find((n) => n.id === 'b')?.position).toEqual({ x: 500, y: 80 })
    } finally {
      stop()
    }
  })

  it('saves an edit made after the graph was opened but before sync started (the backend still loading)', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, graph([['a', 'test.const', { value: 1 }]]), 'test')
    const opened = ed.graph.getState()
    ed.graph.getState().setTitle('Typed early')
    const stop = startSync(ed, opened)
    try {
      await settle()
      expect((await loadGraph(ed.graphId))?.doc.meta?.title).toBe('Typed early')
    } finally {
      stop()
    }
  })
  it('saves an edit made on the drawn cards while the open still awaited keys and cached results', async () => {
    const ed = headlessEditor(testRegistry())
    let opened = false
    const opening = openDocument(ed, graph([['a', 'test.const', { value: 1 }]]), 'test').then(() => (opened = true))
    while (ed.graph.getState().nodes.length === 0) await new Promise((r) => setTimeout(r, 0))
    expect(opened).toBe(false)
    ed.graph.getState().setTitle('Typed while opening')
    await opening
    const stop = startSync(ed, ed.sync.drawn)
    try {
      await settle()
      expect((await loadGraph(ed.graphId))?.doc.meta?.title).toBe('Typed while opening')
    } finally {
      stop()
    }
  })
})
