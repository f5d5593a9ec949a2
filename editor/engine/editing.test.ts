import { afterEach, describe, expect, it, vi } from 'vitest'
import { chainGraph, graph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { currentDoc } from '../store/selectors'
import { listGraphs, loadGraph, saveGraph } from './autosave-db'
import { addFileNode, copySelection, newGraph, pasteText } from './commands'
import { openDocument } from './open-document'
import { runGraph } from './run-actions'
import { startEditor } from './start'
import { autosave } from './sync'

const shape = (ed: ReturnType<typeof headlessEditor>) => ({
  nodes: ed.graph.getState().nodes.map((n) => n.id).sort(),
  edges: ed.graph.getState().edges.map((e) => `${e.source}->${e.target}`).sort(),
})

describe('editor instances', () => {
  it('are independent: two editors never share a graph, a run or a history', async () => {
    const one = headlessEditor(testRegistry())
    const two = headlessEditor(testRegistry())
    await openDocument(one, chainGraph(), 'test')
    expect(two.graph.getState().nodes).toHaveLength(0)
    await runGraph(one, 'all')
    expect(two.run.getState().runs.size).toBe(0)
    expect(two.graph.temporal.getState().pastStates).toHaveLength(0)
    expect(one.graphId).not.toBe(two.graphId)
  })

  it('keys files by their bytes: two different files of the same size are two cache entries', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, graph([['f', 'test.file-length', { path: 'data.csv' }]]), 'test')
    await addFileNode(ed, new File(['x\n1\n'], 'data.csv'), { x: 0, y: 0 })
    await runGraph(ed, 'all')
    const first = ed.run.getState().keys.get('f')!
    await addFileNode(ed, new File(['x\n2\n'], 'data.csv'), { x: 0, y: 0 })
    expect(ed.run.getState().keys.get('f')).not.toBe(first)
    await runGraph(ed, 'all')
    expect(ed.run.getState().runs.get('f')!.phase).toBe('done')
  })
})

describe('editing never loses work', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('undoes a delete of nodes and their wires in one step, even of everything', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    const before = shape(ed)
    ed.graph.getState().select(['b'])
    ed.graph.getState().deleteSelected()
    expect(shape(ed).edges).toEqual([])
    ed.graph.getState().undo()
    expect(shape(ed)).toEqual(before)
    ed.graph.getState().select(['a', 'b', 'c', 'z'])
    ed.graph.getState().deleteSelected()
    ed.graph.getState().undo()
    expect(shape(ed)).toEqual(before)
  })

  it('makes New undoable and keeps the replaced graph in the saved list', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, { ...chainGraph(), meta: { title: 'Kept chain' } }, 'test')
    const firstId = ed.graphId
    await autosave(ed)
    await newGraph(ed)
    await autosave(ed)
    expect(ed.graph.getState().nodes).toHaveLength(0)
    expect(ed.graphId).not.toBe(firstId)
    expect((await loadGraph(firstId))?.doc.meta.title).toBe('Kept chain')
    expect((await listGraphs()).some((g) => g.id === firstId)).toBe(true)
    ed.graph.getState().undo()
    expect(shape(ed).nodes).toEqual(['a', 'b', 'c', 'z'])
  })

  it('replaces the wire of a taken input in one undo step', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().connect({ source: 'z', sourceHandle: 'out', target: 'b', targetHandle: 'a' })
    expect(shape(ed).edges).toEqual(['b->c', 'z->b'])
    ed.graph.getState().undo()
    expect(shape(ed).edges).toEqual(['a->b', 'b->c'])
  })

  it('pastes copies beside the originals, and a second paste beside the first', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().select(['a'])
    const text = copySelection(ed)!
    const at = (id: string) => ed.graph.getState().nodes.find((n) => n.id === id)!.position
    const a = { ...at('a') }
    await pasteText(ed, text)
    await pasteText(ed, text)
    const copies = ed.graph.getState().nodes.filter((n) => n.data.nodeType === 'test.const' && n.id !== 'a' && n.id !== 'z')
    expect(copies.map((n) => [n.position.x - a.x, n.position.y - a.y])).toEqual([
      [40, 40],
      [80, 80],
    ])
  })

  it('re-runs exactly the selection and what it needs', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().select(['b'])
    await runGraph(ed, 'rerun-selected')
    const phases = Object.fromEntries([...ed.run.getState().runs].map(([id, r]) => [id, r.phase]))
    expect(phases).toEqual({ a: 'done', b: 'done' })
    await runGraph(ed, 'rerun-selected')
    expect(ed.run.getState().runs.get('a')!.phase).toBe('cached')
    expect(ed.run.getState().runs.get('b')!.reason).toBe('forced')
  })

  it('selects the last metrics node after a run with nothing selected', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    await runGraph(ed, 'all')
    // Test nodes have no metric category: the last node that ran is shown.
    expect(ed.graph.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toHaveLength(1)
  })

  it('keeps a node the user picked between the end event of a run and its report', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    const runtime = ed.runtime
    // The end event and the report cross on two channels; here the report lags, as it can under load.
    ed.setEngine(
      Object.assign(Object.create(runtime) as typeof runtime, {
        run: async (...args: Parameters<typeof runtime.run>) => {
          const report = await runtime.run(...args)
          await vi.waitFor(() => expect(ed.run.getState().runCount).toBe(1))
          ed.graph.getState().select(['a'])
          return report
        },
      }),
    )
    await runGraph(ed, 'all')
    expect(ed.graph.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['a'])
  })

  it('saves an edit made while the backend is still starting, before the backend is ready', async () => {
    const ed = headlessEditor(testRegistry())
    vi.stubGlobal('location', { hash: '', pathname: '/', search: '' })
    // A backend that never becomes ready: the graph is drawn, edited and must be saved meanwhile.
    let started = false
    ed.runtime.init = () => ((started = true), new Promise<never>(() => undefined))
    void startEditor(ed, async () => ed.runtime)
    await vi.waitFor(() => expect(ed.graph.getState().nodes.length).toBeGreaterThan(0))
    ed.graph.getState().setTitle('Edited before the backend')
    await vi.waitFor(async () => expect((await loadGraph(ed.graphId))?.doc.meta?.title).toBe('Edited before the backend'), { timeout: 2000 })
    expect(started).toBe(true)
  })

  it('says after a reload that a run was interrupted, and keeps the last run line', async () => {
    const ed = headlessEditor(testRegistry())
    const id = 'interrupted-graph'
    vi.stubGlobal('location', { hash: '', pathname: '/', search: '' })
    await saveGraph({ id, doc: chainGraph(), selected: [], savedAt: Date.now() + 60_000, running: true, lastRun: { ran: 2, cached: 1, ms: 5 } })
    await startEditor(ed, async () => ed.runtime)
    expect(ed.graphId).toBe(id)
    expect(ed.run.getState().interrupted).toBe(true)
    expect(ed.run.getState().lastRun).toEqual({ ran: 2, cached: 1, ms: 5 })
    expect(ed.ui.getState().toasts.map((t) => t.text).join()).toMatch(/interrupted by a reload/)
    expect(currentDoc(ed).nodes).toHaveLength(4)
    expect((await loadGraph(id))?.running).toBe(false)
  })
})
