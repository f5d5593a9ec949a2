import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import type { GraphNode } from '../../runtime/document/schema'
import { graph } from '../../tests/support/graph'
import { applyEdits, bestChanges, bestParamEdits } from '../lib/apply-best'
import { readableName } from '../lib/metric-names'
import { findNode } from '../lib/nested-params'
import { headlessEditor } from '../testing/headless-editor'
import { currentDoc, portNames } from '../store/selectors'
import { openDocument } from './open-document'
import { runGraph } from './run-actions'

const doc = () =>
  graph(
    [
      ['iris', 'data.iris'],
      ['split', 'transform.split', { test: 0.2, validation: 0.2, seed: 3 }],
      ['tree', 'model.decision-tree', { maxDepth: 3 }],
      ['fit', 'train.fit'],
      ['predict', 'predict.apply'],
      ['metrics', 'metric.classification'],
      ['search', 'select.search', { space: [{ node: 'tree', param: 'maxDepth', kind: 'int', min: 1, max: 2 }], strategy: 'grid', trials: 2 }],
    ],
    ['iris.data->split.data', 'split.data->fit.data', 'tree.model->fit.model', 'fit.model->predict.model', 'split.data->predict.data', 'predict.predictions->metrics.predictions', 'split.data->search.data', 'metrics.metrics->search.result'],
  )

describe("the search's Best output in the editor", () => {
  it('names the best params by param and node, as the metrics view reads them', async () => {
    const ed = headlessEditor(createRegistry())
    await openDocument(ed, doc(), 'test')
    await runGraph(ed, 'all')
    expect(ed.run.getState().runs.get('search')?.phase).toBe('done')
    const preview = await ed.runtime.preview(currentDoc(ed), 'search', 'best')
    const scalars = (preview as { value: { scalars: Record<string, number> } }).value.scalars
    const names = Object.keys(scalars).map((k) => readableName(k))
    expect(names).toEqual(['Accuracy', 'Trial', 'Trials', 'Cached trials', 'Max depth (tree)'])
    expect(scalars['maxDepth (tree)']).toBe((ed.run.getState().runs.get('search')?.summary?.bestParams as { tree: { maxDepth: number } }).tree.maxDepth)
    // One thread, no pool: each trial's nodes ran on the run's own thread.
    const trials = (await ed.runtime.preview(currentDoc(ed), 'search', 'trials')) as { columns: { name: string }[]; head: string[][] }
    const ranOn = trials.columns.findIndex((c) => c.name === 'ran on')
    expect(trials.head.map((row) => row[ranOn])).toEqual(['this thread', 'this thread'])
  })
})

/** The node `id` at any group depth of a document. */
function deep(nodes: readonly GraphNode[], id: string): GraphNode | undefined {
  for (const n of nodes) {
    const found = n.id === id ? n : n.group && deep(n.group.nodes, id)
    if (found) return found
  }
  return undefined
}

/** The search example with the tuned tree two groups deep; its best max depth (2) differs from the graph's (3). */
async function treeInNestedGroups() {
  const ed = headlessEditor(createRegistry())
  await openDocument(ed, doc(), 'test')
  const g = () => ed.graph.getState()
  g().select(['tree'])
  const inner = g().groupSelected(portNames(ed))!
  g().select([inner])
  const outer = g().groupSelected(portNames(ed))!
  await runGraph(ed, 'all')
  expect(ed.run.getState().runs.get('search')?.phase).toBe('done')
  const edits = () => bestParamEdits(ed.run.getState().runs.get('search')?.summary, (id) => findNode(g(), id) !== undefined)
  expect(edits()).toEqual([{ nodeId: 'tree', param: 'maxDepth', value: 2 }])
  return { ed, g, edits, outer }
}

const maxDepth = (ed: ReturnType<typeof headlessEditor>) => deep(currentDoc(ed).nodes, 'tree')?.params.maxDepth

describe('Apply best into groups', () => {
  it('writes the best params into a node two groups deep as one undo step', async () => {
    const { ed, g, edits } = await treeInNestedGroups()
    expect(g().nodes.some((n) => n.id === 'tree')).toBe(false)
    expect(bestChanges(edits(), (id, param) => findNode(g(), id)?.params[param])).toEqual([{ nodeId: 'tree', path: 'maxDepth', from: 3, to: 2 }])
    applyEdits(ed.graph, edits())
    expect(maxDepth(ed)).toBe(2)
    g().undo()
    expect(maxDepth(ed)).toBe(3)
    g().redo()
    expect(maxDepth(ed)).toBe(2)
  })

  it('writes them into a level above the one shown, from a search inside a group', async () => {
    const { ed, g, edits, outer } = await treeInNestedGroups()
    g().select(['search'])
    const holder = g().groupSelected(portNames(ed))!
    g().enterGroup(holder)
    expect(g().nodes.map((n) => n.id)).toEqual(['search'])
    applyEdits(ed.graph, edits())
    expect(maxDepth(ed)).toBe(2)
    g().undo()
    expect(maxDepth(ed)).toBe(3)
    expect(g().path.map((p) => p.id)).toEqual([holder])
    g().redo()
    g().leaveTo(0, portNames(ed))
    expect(deep(currentDoc(ed).nodes.filter((n) => n.id === outer), 'tree')?.params.maxDepth).toBe(2)
  })
})
