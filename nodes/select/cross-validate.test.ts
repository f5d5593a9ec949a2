import { beforeEach, describe, expect, it } from 'vitest'
import { NodeCache } from '../../runtime/cache/node-cache'
import type { RunEvent } from '../../runtime/exec/events'
import { runGraph } from '../../runtime/exec/executor'
import { definedPorts, groupSelection } from '../../runtime/graph/group-edit'
import { computeKeys } from '../../runtime/keys/cache-keys'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { Registry } from '../../runtime/registry'
import { isSplits, type Dataset, type NumericColumn } from '../../runtime/values/dataset'
import type { Metrics } from '../../runtime/values/ml'
import { graph } from '../../tests/support/graph'
import { allNodes } from '../index'

/** What the transform in front of the model was fitted on, per run: its fitted mean and the rows it saw. */
const seen: { trainRows: number; testRows: number; trainZMean: number; trainZStd: number; fittedMean: number }[] = []
const recorder = defineNode({
  type: 'test.record-fit',
  version: 1,
  category: 'test',
  title: 'Record',
  description: 'Passes splits through, recording the standardized first column of each part.',
  inputs: { data: port.splits() },
  outputs: { data: port.sameAs('data') },
  params: {},
  run({ data }) {
    if (!isSplits(data)) throw new Error('splits expected')
    const z = (d: Dataset) => (d.columns.find((c) => c.role === 'feature') as NumericColumn).values
    const t = z(data.train)
    const mean = t.reduce((a, b) => a + b, 0) / t.length
    const std = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / t.length)
    const state = data.train.steps.at(-1)!.state as { mean: number[] }
    seen.push({ trainRows: data.train.rows, testRows: data.test!.rows, trainZMean: mean, trainZStd: std, fittedMean: state.mean[0] })
    return { data }
  },
})
const registry = new Registry([...allNodes, recorder])

const doc = (cv: Record<string, unknown> = {}) =>
  graph(
    [
      ['iris', 'data.iris'],
      ['split', 'transform.split', { test: 0.2, seed: 3 }],
      ['scale', 'transform.standardize'],
      ['record', 'test.record-fit'],
      ['tree', 'model.decision-tree'],
      ['fit', 'train.fit'],
      ['predict', 'predict.apply'],
      ['metrics', 'metric.classification'],
      ['cv', 'select.cross-validate', cv],
    ],
    [
      'iris.data->split.data',
      'split.data->scale.data',
      'scale.data->record.data',
      'record.data->fit.data',
      'tree.model->fit.model',
      'fit.model->predict.model',
      'record.data->predict.data',
      'predict.predictions->metrics.predictions',
      'split.data->cv.data',
      'metrics.metrics->cv.result',
    ],
  )

const messages = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'progress' && e.nodeId === 'cv' && e.message ? [e.message] : []))

describe('cross-validation node', () => {
  beforeEach(() => void (seen.length = 0))

  it('fits transforms on each fold\'s training rows only, and scores each fold on its held-out rows', async () => {
    const report = await runGraph({ doc: doc(), registry, cache: new NodeCache() })
    expect(report.nodes.cv.status, report.nodes.cv.error).toBe('ran')
    // The outer run sees the split's 120 training rows and 30 test rows; the five folds 96 / 24 each.
    expect(seen[0]).toMatchObject({ trainRows: 120, testRows: 30 })
    const folds = seen.slice(1)
    expect(folds.map((f) => [f.trainRows, f.testRows])).toEqual(Array(5).fill([96, 24]))
    for (const f of folds) {
      // Fitted on exactly the fold's training rows: they come out with mean 0 and std 1.
      expect(Math.abs(f.trainZMean)).toBeLessThan(1e-12)
      expect(f.trainZStd).toBeCloseTo(1, 12)
    }
    // ...and not on all 120 rows: every fold's fitted mean differs from the full training mean.
    for (const f of folds) expect(f.fittedMean).not.toBeCloseTo(seen[0].fittedMean, 6)
  })

  it('gives mean ± std of every metric and a table of folds', async () => {
    const events: RunEvent[] = []
    const report = await runGraph({ doc: doc(), registry, cache: new NodeCache(), onEvent: (e) => events.push(e) })
    expect(report.nodes.cv.status, report.nodes.cv.error).toBe('ran')
    const summary = report.nodes.cv.summary as Record<string, unknown>
    expect(summary.folds).toBe(5)
    expect(summary.accuracy).toMatch(/^0\.\d+ ± 0\.\d+$/)
    expect(messages(events)).toEqual(['fold 1: ran 6 nodes', 'fold 2: ran 6 nodes', 'fold 3: ran 6 nodes', 'fold 4: ran 6 nodes', 'fold 5: ran 6 nodes'])
  })

  it('re-runs as cache hits, and adding repeats reuses the finished folds', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: doc(), registry, cache })
    const events: RunEvent[] = []
    seen.length = 0
    const again = await runGraph({ doc: doc(), registry, cache, force: ['cv'], onEvent: (e) => events.push(e) })
    expect(again.nodes.cv.status).toBe('ran')
    expect(messages(events)).toEqual(['fold 1: cached', 'fold 2: cached', 'fold 3: cached', 'fold 4: cached', 'fold 5: cached'])
    expect(seen).toHaveLength(0)
    const repeated: RunEvent[] = []
    const more = await runGraph({ doc: doc({ repeats: 2 }), registry, cache, onEvent: (e) => repeated.push(e) })
    expect(more.nodes.cv.status, more.nodes.cv.error).toBe('ran')
    const m = messages(repeated)
    expect(m.slice(0, 5).every((x) => x.endsWith(': cached'))).toBe(true)
    expect(m.slice(5).every((x) => x.endsWith(': ran 6 nodes'))).toBe(true)
  })
})

describe('cross-validation results', () => {
  it('are the mean and population std of the per-fold metrics', async () => {
    const cache = new NodeCache()
    const report = await runGraph({ doc: doc({ folds: 3 }), registry, cache })
    expect(report.nodes.cv.status, report.nodes.cv.error).toBe('ran')
    const hit = await cache.get(computeKeys(doc({ folds: 3 }), registry).get('cv')!.key)
    const m = (hit.status === 'hit' ? (hit.value as { metrics: Metrics }).metrics : undefined)!
    const acc = m.matrices!.folds.values.map((row) => row[m.matrices!.folds.colLabels.indexOf('accuracy')])
    expect(acc).toHaveLength(3)
    const mean = acc.reduce((a, b) => a + b, 0) / 3
    expect(m.scalars.accuracy).toBeCloseTo(mean, 12)
    expect(m.scalars['accuracy std']).toBeCloseTo(Math.sqrt(acc.reduce((a, b) => a + (b - mean) ** 2, 0) / 3), 12)
  })
})

describe('cross-validation of a group', () => {
  it('runs the grouped pipeline per fold with the same results, all cache hits after grouping', async () => {
    const cache = new NodeCache()
    const flat = doc()
    const first = await runGraph({ doc: flat, registry, cache })
    const grouped = { ...flat, ...groupSelection(flat, ['scale', 'record', 'tree', 'fit', 'predict', 'metrics'], 'model', definedPorts(registry)) }
    expect(grouped.nodes.map((n) => n.id)).toEqual(['iris', 'split', 'model', 'cv'])
    seen.length = 0
    const again = await runGraph({ doc: grouped, registry, cache, force: ['cv'] })
    expect(again.nodes.cv.status, again.nodes.cv.error).toBe('ran')
    expect(again.nodes.cv.summary).toEqual(first.nodes.cv.summary)
    expect(seen).toHaveLength(0)
  })
})
