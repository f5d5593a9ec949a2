import { describe, expect, it } from 'vitest'
import { chainGraph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { openDocument } from '../engine/open-document'
import { runGraph } from '../engine/run-actions'
import { headlessEditor } from '../testing/headless-editor'
import { currentDoc, portNames } from './selectors'

const ids = (ed: ReturnType<typeof headlessEditor>) => ed.graph.getState().nodes.map((n) => n.id).sort()

describe('groups in the editor', () => {
  it('groups, opens, edits inside, goes back, ungroups: each step undoable, the run unchanged', async () => {
    const ed = headlessEditor(testRegistry())
    await openDocument(ed, chainGraph(), 'test')
    const g = () => ed.graph.getState()
    await runGraph(ed, 'all')
    const before = ed.run.getState().runs.get('c')?.summary
    g().select(['b', 'c'])
    const id = g().groupSelected(portNames(ed))!
    expect(ids(ed)).toEqual(['a', id, 'z'].sort())
    expect(currentDoc(ed).edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)).toEqual([`a.out->${id}.b.a`])
    await runGraph(ed, 'all')
    expect(ed.run.getState().runs.get('c')).toMatchObject({ phase: 'cached', summary: before })

    g().enterGroup(id)
    expect(ids(ed)).toEqual(['b', 'c'])
    const added = g().addNode('test.const', { value: 1 }, { x: 0, y: 0 })
    expect(['a', 'z', 'b', 'c', id]).not.toContain(added)
    g().connect({ source: added, sourceHandle: 'out', target: 'c', targetHandle: 'b' })
    // The document seen from inside is the whole graph, with the edit in the group.
    expect(currentDoc(ed).nodes.map((n) => n.id)).toEqual(['a', id, 'z'])
    g().leaveTo(0, portNames(ed))
    const inner = currentDoc(ed).nodes.find((n) => n.id === id)!.group!
    expect(inner.nodes.map((n) => n.id)).toEqual(['b', 'c', added])
    expect(inner.outputs.map((p) => p.name)).toEqual(['c.out'])

    g().undo() // back inside, before leaving
    expect(g().path.map((p) => p.id)).toEqual([id])
    g().leaveTo(0, portNames(ed))
    g().select([id])
    g().ungroupSelected()
    expect(ids(ed)).toEqual(['a', 'b', 'c', added, 'z'].sort())
    g().undo()
    expect(ids(ed)).toEqual(['a', id, 'z'].sort())
  })
})
