import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { graph } from '../../tests/support/graph'
import { readableName } from '../lib/metric-names'
import { headlessEditor } from '../testing/headless-editor'
import { currentDoc } from '../store/selectors'
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
  })
})
