import { beforeEach, describe, expect, it } from 'vitest'
import { NodeCache } from '../../runtime/cache/node-cache'
import type { RunEvent, RunReport } from '../../runtime/exec/events'
import { runGraph } from '../../runtime/exec/executor'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { Registry } from '../../runtime/registry'
import { graph } from '../../tests/support/graph'
import { allNodes } from '../index'

/** Counts trained models: one per trial (or fold) that was not a cache hit. */
let fits = 0
const counter = defineNode({
  type: 'test.count-runs',
  version: 1,
  category: 'test',
  title: 'Count',
  description: 'Passes a trained model through, counting runs.',
  inputs: { model: port.model() },
  outputs: { model: port.sameAs('model', ['model']) },
  params: {},
  run: ({ model }) => (fits++, { model }),
})
const registry = new Registry([...allNodes, counter])

const space = [
  { node: 'tree', param: 'maxDepth', kind: 'int', min: 1, max: 6 },
  { node: 'tree', param: 'minSamplesLeaf', kind: 'list', values: [1, 2, 4, 8] },
]
const doc = (search: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  graph(
    [
      ['iris', 'data.iris'],
      ['split', 'transform.split', { test: 0.2, validation: 0.2, seed: 3 }],
      ['count', 'test.count-runs'],
      ['tree', 'model.decision-tree', { maxDepth: 3 }],
      ['fit', 'train.fit'],
      ['predict', 'predict.apply'],
      ['metrics', 'metric.classification'],
      ['search', 'select.search', { space, trials: 8, ...search }],
      ['other', 'figure.loss-curve', extra],
    ],
    [
      'iris.data->split.data',
      'split.data->fit.data',
      'tree.model->fit.model',
      'fit.model->count.model',
      'count.model->predict.model',
      'split.data->predict.data',
      'predict.predictions->metrics.predictions',
      'split.data->search.data',
      'metrics.metrics->search.result',
      'fit.model->other.model',
    ],
  )

const trialLines = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'progress' && e.nodeId === 'search' && e.message?.startsWith('trial') ? [e.message] : []))
const status = (line: string) => /^trial \d+: (\w+)/.exec(line)![1]

async function run(d: ReturnType<typeof doc>, cache: NodeCache, extra: { force?: string[]; signal?: AbortSignal; stopAfter?: number } = {}) {
  const events: RunEvent[] = []
  const controller = new AbortController()
  const report: RunReport = await runGraph({
    doc: d,
    registry,
    cache,
    force: extra.force,
    signal: controller.signal,
    onEvent: (e) => {
      events.push(e)
      if (extra.stopAfter && trialLines(events).length === extra.stopAfter) controller.abort()
    },
  })
  return { report, lines: trialLines(events) }
}

describe('hyperparameter search node', () => {
  beforeEach(() => void (fits = 0))

  it('scores every trial on the validation rows and picks the best', async () => {
    const cache = new NodeCache()
    const { report, lines } = await run(doc(), cache)
    expect(report.nodes.search.status, report.nodes.search.error).toBe('ran')
    expect(lines).toHaveLength(8)
    const summary = report.nodes.search.summary as { accuracy: number; 'best trial': number; bestParams: Record<string, Record<string, number>> }
    const scores = lines.map((l) => Number(/score ([\d.]+)/.exec(l)![1]))
    expect(summary.accuracy).toBeCloseTo(Math.max(...scores), 3)
    expect(scores[summary['best trial'] - 1]).toBeCloseTo(summary.accuracy, 3)
    expect(Object.keys(summary.bestParams)).toEqual(['tree'])
    expect(summary.bestParams.tree.maxDepth).toBeGreaterThanOrEqual(1)
    expect([1, 2, 4, 8]).toContain(summary.bestParams.tree.minSamplesLeaf)
  })

  it('resumes an interrupted search without re-running its finished trials', async () => {
    const cache = new NodeCache()
    const first = await run(doc(), cache, { stopAfter: 3 })
    expect(first.report.nodes.search.status).toBe('cancelled')
    const ranBefore = fits
    const resumed = await run(doc(), cache)
    expect(resumed.report.nodes.search.status, resumed.report.nodes.search.error).toBe('ran')
    expect(resumed.lines.slice(0, 3).map(status)).toEqual(['cached', 'cached', 'cached'])
    expect(resumed.lines).toHaveLength(8)
    // Trials 4–8 ran (duplicate proposals of a random search are hits too), nothing of 1–3 did.
    const ranLater = resumed.lines.slice(3).filter((l) => status(l) === 'ran').length
    expect(fits - ranBefore).toBe(ranLater)
    expect(ranBefore).toBeGreaterThanOrEqual(3)
  })

  it('reuses every finished trial when re-run or given a larger budget, and ignores unrelated edits', async () => {
    const cache = new NodeCache()
    await run(doc(), cache)
    fits = 0
    const again = await run(doc(), cache, { force: ['search'] })
    expect(again.lines.map(status)).toEqual(Array(8).fill('cached'))
    expect(fits).toBe(0)
    const longer = await run(doc({ trials: 12, strategy: 'random' }), cache)
    expect(longer.lines.slice(0, 8).map(status)).toEqual(Array(8).fill('cached'))
    expect(longer.lines).toHaveLength(12)
    const edited = await run(doc({ trials: 12 }, { show: 'metric' }), cache)
    expect(edited.report.nodes.search.status).toBe('cached')
    expect(edited.report.nodes.other.status).not.toBe('cached')
  })

  it('scores by cross-validation with the same folds as the cross-validation node', async () => {
    const cache = new NodeCache()
    const d = doc({ scoring: 'cross-validation', folds: 3, trials: 3, strategy: 'grid', space: [{ node: 'tree', param: 'maxDepth', kind: 'list', values: [1, 2, 3] }] })
    d.nodes.push({ id: 'cv', type: 'select.cross-validate', params: { folds: 3 } })
    d.edges.push({ id: 'c1', from: { node: 'split', port: 'data' }, to: { node: 'cv', port: 'data' } })
    d.edges.push({ id: 'c2', from: { node: 'metrics', port: 'metrics' }, to: { node: 'cv', port: 'result' } })
    const { report, lines } = await run(d, cache)
    expect(report.nodes.search.status, report.nodes.search.error).toBe('ran')
    expect(report.nodes.cv.status, report.nodes.cv.error).toBe('ran')
    // The graph's own tree has maxDepth 3, trial 3's configuration: its three folds were the cross-validation node's.
    const cvAccuracy = Number(/^([\d.]+)/.exec(String((report.nodes.cv.summary as Record<string, string>).accuracy))![1])
    expect(Number(/score ([\d.]+)/.exec(lines[2])![1])).toBeCloseTo(cvAccuracy, 3)
    expect(fits).toBe(1 + 9) // the graph's own run, then three trials of three folds; the CV node's folds were all hits
  })

  it('stops bad trials early by successive halving of a resource param', async () => {
    const cache = new NodeCache()
    const d = doc({
      trials: 6,
      space: [{ node: 'tree', param: 'minSamplesLeaf', kind: 'list', values: [1, 2, 4, 8, 16, 32] }],
      strategy: 'grid',
      halvingNode: 'tree',
      halvingParam: 'maxDepth',
      halvingMin: 1,
      halvingFactor: 2,
    })
    const { report, lines } = await run(d, cache)
    expect(report.nodes.search.status, report.nodes.search.error).toBe('ran')
    // Rungs: 6 trials at depth 1, the best 3 at depth 2, the best of those at depth 3 (the graph's value).
    expect(lines).toHaveLength(6 + 3 + 1)
  })

  it('says what is wrong with a search space before running', async () => {
    const { report } = await run(doc({ space: [{ node: 'tree', param: 'maxDepth', kind: 'log', min: 2, max: 1 }] }), new NodeCache())
    expect(report.nodes.search.status).toBe('error')
    expect(report.nodes.search.error).toContain('Search dimension 1 (tree.maxDepth): min 2 must not exceed max 1.')
  })

  it('refuses to halve a resource of 0 (Train\'s epochs on auto) and says what to set', async () => {
    const d = doc({ halvingNode: 'fit', halvingParam: 'epochs' })
    d.nodes.find((n) => n.id === 'fit')!.params = { epochs: 0 }
    const { report } = await run(d, new NodeCache())
    expect(report.nodes.search.error).toContain('Early stopping: "fit.epochs" is 0; set it to the full resource (e.g. 100 epochs).')
  })
})
