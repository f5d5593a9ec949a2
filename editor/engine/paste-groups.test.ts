import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import type { GraphDocument, GraphNode } from '../../runtime/document/schema'
import { headlessEditor } from '../testing/headless-editor'
import { currentDoc, portNames } from '../store/selectors'
import { copySelection, duplicateSelection, pasteText } from './commands'
import { openDocument } from './open-document'

const example = () => JSON.parse(readFileSync('examples/two-moons-mlp-search.json', 'utf8')) as GraphDocument

/** Every node id at every depth, in document order. */
function allIds(nodes: readonly GraphNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...(n.group ? allIds(n.group.nodes) : [])])
}

const wires = (doc: Pick<GraphDocument, 'edges'>) => doc.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)

/** The two-moons search example with its pipeline (model, optimizer, train, predict, metrics) as one group. */
async function groupedSearch() {
  const ed = headlessEditor(createRegistry())
  await openDocument(ed, example(), 'test')
  ed.graph.getState().select(['spec', 'opt', 'train', 'predict', 'metrics'])
  const group = ed.graph.getState().groupSelected(portNames(ed))!
  return { ed, group }
}

describe('pasting and duplicating groups', () => {
  it('gives the nodes inside a duplicated group new ids, and its wires, ports and the copied search space follow them', async () => {
    const { ed, group } = await groupedSearch()
    ed.graph.getState().setParam('search', 'halvingNode', 'train')
    ed.graph.getState().select([group, 'search'])
    duplicateSelection(ed)
    await Promise.resolve()
    const doc = currentDoc(ed)
    const ids = allIds(doc.nodes)
    expect(new Set(ids).size).toBe(ids.length)
    const [, copy] = doc.nodes.filter((n) => n.type === 'group')
    const inner = copy.group!
    expect(inner.nodes.map((n) => n.id)).toEqual(['spec-2', 'opt-2', 'train-2', 'predict-2', 'metrics-2'])
    expect(wires(inner)).toEqual([
      'spec-2.model->train-2.model',
      'opt-2.optimizer->train-2.optimizer',
      'train-2.model->predict-2.model',
      'predict-2.predictions->metrics-2.predictions',
    ])
    expect(inner.inputs.map((p) => `${p.name}=${p.node}.${p.port}`)).toEqual(['train-2.data=train-2.data', 'train-2.loss=train-2.loss', 'predict-2.data=predict-2.data'])
    expect(inner.outputs.map((p) => p.name)).toEqual(['metrics-2.metrics'])
    const searchCopy = doc.nodes.find((n) => n.type === 'select.search' && n.id !== 'search')!
    // The wire between the two copies lands on the copied group's renamed port; wires from outside the copy are not copied.
    expect(wires(doc).filter((w) => w.endsWith(`${searchCopy.id}.result`))).toEqual([`${copy.id}.metrics-2.metrics->${searchCopy.id}.result`])
    expect((searchCopy.params.space as { node: string; param: string }[]).map((d) => `${d.node}.${d.param}`)).toEqual([
      'opt-2.learningRate',
      'spec-2.layers.0.units',
      'spec-2.layers.1.units',
    ])
    expect(searchCopy.params.halvingNode).toBe('train-2')
    // The originals are untouched, and the whole document validates without a duplicate or a dangling port.
    expect(doc.nodes.find((n) => n.id === group)!.group!.nodes.map((n) => n.id)).toEqual(['spec', 'opt', 'train', 'predict', 'metrics'])
    const problems = (await ed.runtime.validate(doc)).diagnostics.filter((d) => d.severity === 'error' && d.code !== 'missing-input')
    expect(problems).toEqual([])
  })

  it('pastes a group into a graph that uses its inner ids elsewhere without a collision, and one paste is one undo step', async () => {
    const { ed, group } = await groupedSearch()
    ed.graph.getState().select([group])
    const text = copySelection(ed)!
    await pasteText(ed, text)
    await pasteText(ed, text)
    const ids = allIds(currentDoc(ed).nodes)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((id) => id.startsWith('train'))).toEqual(['train', 'train-2', 'train-3'])
    ed.graph.getState().undo()
    expect(allIds(currentDoc(ed).nodes).filter((id) => id.startsWith('train'))).toEqual(['train', 'train-2'])
  })

  it('refuses a pasted group whose inner graph is malformed, and keeps the rest of the paste', async () => {
    const { ed } = await groupedSearch()
    const before = currentDoc(ed).nodes.length
    const text = JSON.stringify({
      format: 'mlcanvas/clipboard',
      nodes: [
        { id: 'x', position: { x: 0, y: 0 }, data: { nodeType: 'group', params: {}, group: { nodes: 'not a list' } } },
        { id: 'y', position: { x: 0, y: 0 }, data: { nodeType: 'data.moons', params: {} } },
      ],
      edges: [],
    })
    expect(await pasteText(ed, text)).toBe(true)
    expect(currentDoc(ed).nodes.map((n) => n.type).slice(before)).toEqual(['data.moons'])
  })
})
