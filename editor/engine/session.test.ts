import { beforeEach, describe, expect, it } from 'vitest'
import { chainGraph, graph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { displayState } from '../store/run-store'
import { currentDoc } from '../store/selectors'
import type { Editor } from '../store/editor'
import { headlessEditor } from '../testing/headless-editor'
import { addFileNode, copySelection, pasteText } from './commands'
import { openDocument } from './open-document'
import { runGraph } from './run-actions'
import { refreshNow } from './sync'


let ed: Editor
const states = () =>
  Object.fromEntries(
    ed.graph.getState().nodes.map((n) => [n.id, displayState(ed.run.getState().runs.get(n.id), ed.run.getState().keys.get(n.id))]),
  )

beforeEach(() => {
  ed = headlessEditor(testRegistry())
})

describe('editor session (headless)', () => {
  it('opens a document, runs it, and marks an edited node and its descendants stale', async () => {
    expect(await openDocument(ed, chainGraph(), 'test')).toBe(true)
    // Positions were missing, so ELK laid the graph out left to right.
    const x = Object.fromEntries(ed.graph.getState().nodes.map((n) => [n.id, n.position.x]))
    expect(x.a).toBeLessThan(x.b)
    expect(x.b).toBeLessThan(x.c)

    await runGraph(ed, 'all')
    expect(states()).toEqual({ a: 'done', b: 'done', c: 'done', z: 'done' })
    expect(ed.run.getState().runs.get('c')!.summary).toEqual({ value: 13 })

    ed.graph.getState().setParam('b', 'offset', 5)
    await refreshNow(ed)
    expect(states()).toEqual({ a: 'done', b: 'stale', c: 'stale', z: 'done' })

    await runGraph(ed, 'all')
    expect(states()).toEqual({ a: 'cached', b: 'done', c: 'done', z: 'cached' })
    expect(ed.run.getState().runs.get('c')!.summary).toEqual({ value: 17 })
    expect(ed.run.getState().runs.get('b')!.reason).toBe('params changed: offset')
  })

  it('refuses a bad document with path-named problems and keeps the current graph', async () => {
    await openDocument(ed, chainGraph(), 'test')
    const before = JSON.stringify(currentDoc(ed))
    expect(await openDocument(ed, '{"format": "mlcanvas/graph", "nodes": [', 'broken.json')).toBe(false)
    expect(ed.ui.getState().problems?.items[0].message).toMatch(/not valid JSON/)

    const cyclic = graph([['p', 'test.add'], ['q', 'test.add']], ['p.out->q.a', 'q.out->p.a'])
    expect(await openDocument(ed, cyclic, 'cyclic.json')).toBe(false)
    expect(ed.ui.getState().problems?.items.map((p) => p.message).join()).toMatch(/cycle/)

    const badParam = { ...chainGraph(), nodes: [{ id: 'a', type: 'test.const', params: { value: 'x' } }], edges: [] }
    // An invalid param is editable, so the document opens and the node shows the problem.
    expect(await openDocument(ed, badParam, 'param.json')).toBe(true)
    expect(ed.ui.getState().diagnostics.get('a')?.[0].path).toBe('nodes[0].params.value')
    expect(JSON.stringify(currentDoc(ed))).not.toBe(before)
  })

  it('restores results from the cache after the graph is opened again, without running', async () => {
    await openDocument(ed, chainGraph(), 'test')
    await runGraph(ed, 'all')
    const doc = currentDoc(ed)
    ed.run.getState().reset()
    await openDocument(ed, doc, 'the autosaved graph')
    expect(states()).toEqual({ a: 'cached', b: 'cached', c: 'cached', z: 'cached' })
    expect(ed.run.getState().runs.get('c')!.summary).toEqual({ value: 13 })
  })

  it('runs up to a node and re-runs a selected node by force', async () => {
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().select(['b'])
    await runGraph(ed, 'to-selected')
    expect(states()).toMatchObject({ a: 'done', b: 'done', c: 'idle', z: 'idle' })
    await runGraph(ed, 'rerun-selected')
    expect(ed.run.getState().runs.get('b')!.phase).toBe('done')
    expect(ed.run.getState().runs.get('a')!.phase).toBe('cached')
  })

  it('copies selected nodes with their inner wires and pastes them with fresh ids', async () => {
    await openDocument(ed, chainGraph(), 'test')
    ed.graph.getState().select(['a', 'b'])
    const text = copySelection(ed)!
    expect(await pasteText(ed, text)).toBe(true)
    const { nodes, edges } = ed.graph.getState()
    expect(nodes).toHaveLength(6)
    const pasted = nodes.filter((n) => n.selected)
    expect(pasted.map((n) => n.data.nodeType).sort()).toEqual(['test.add', 'test.const'])
    expect(pasted.every((n) => !['a', 'b', 'c', 'z'].includes(n.id))).toBe(true)
    const ids = new Set(pasted.map((n) => n.id))
    expect(edges.filter((e) => ids.has(e.source) && ids.has(e.target))).toHaveLength(1)
    expect(await pasteText(ed, 'hello')).toBe(false)
  })

  it('undoes and redoes edits as single steps', async () => {
    await openDocument(ed, chainGraph(), 'test')
    const g = ed.graph
    g.getState().setParam('a', 'value', 3)
    g.getState().select(['z'])
    g.getState().deleteSelected()
    expect(g.getState().nodes.map((n) => n.id)).not.toContain('z')
    g.getState().undo()
    expect(g.getState().nodes.map((n) => n.id)).toContain('z')
    g.getState().undo()
    expect(g.getState().nodes.find((n) => n.id === 'a')?.data.params.value).toBe(2)
    g.getState().redo()
    expect(g.getState().nodes.find((n) => n.id === 'a')?.data.params.value).toBe(3)
  })
})

describe('files', () => {
  it('a dropped CSV is stored under the name a node already uses, without adding a node', async () => {
    const registry = testRegistry()
    const ed = headlessEditor(registry)
    const fileNodeType = registry.list().find((d) => d.fileParams?.length)!
    const param = fileNodeType.fileParams![0]
    await openDocument(ed, graph([['f', fileNodeType.type, { [param]: 'data/points.csv' }]]), 'test')
    await addFileNode(ed, new File(['x\n1\n'], 'points.csv'), { x: 0, y: 0 })
    expect(ed.graph.getState().nodes).toHaveLength(1)
    expect(ed.ui.getState().files).toEqual(['data/points.csv'])
    await runGraph(ed, 'all')
    expect(ed.run.getState().runs.get('f')!.summary).toEqual({ value: 4 }) // "x\n1\n" is 4 bytes
  })
})
