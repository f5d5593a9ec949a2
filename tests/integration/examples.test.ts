import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { loadDocument, saveDocument } from '../../runtime/document/load'

/**
 * Every example graph loads without diagnostics, runs headless through the CLI in under
 * 60 s, and reaches the level its description promises.
 */

const run = promisify(execFile)
const root = join(import.meta.dirname, '..', '..')
const examplesDir = join(root, 'examples')

type Summary = Record<string, unknown>
interface Report {
  nodes: Record<string, { status: string; summary?: Summary; message?: string }>
}

/** What each example must reach: node id → summary checks. */
const expectations: Record<string, (nodes: Record<string, Summary>) => void> = {
  'iris-logistic-regression': (n) => expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.9),
  'two-moons-mlp': (n) => expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.95),
  'spirals-deep-mlp': (n) => expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.9),
  'noisy-linear-regression': (n) => expect(n.metrics.r2).toBeGreaterThanOrEqual(0.9),
  'blobs-kmeans': (n) => {
    expect(n.metrics.silhouette).toBeGreaterThanOrEqual(0.6)
    expect(n.metrics.clusters).toBe(3)
  },
  'iris-model-comparison': (n) => {
    for (const id of ['treeMetrics', 'forestMetrics', 'knnMetrics']) expect(n[id].accuracy).toBeGreaterThanOrEqual(0.9)
  },
  'iris-embeddings': (n) => {
    for (const id of ['pcaPlot', 'tsnePlot']) expect(n[id]).toMatchObject({ points: 150, colour: 'species', groups: 3 })
    expect(n.pca.cumulative).toBeGreaterThan(0.95)
  },
  // The greedy path is as long as the breadth-first-search shortest path through the maze (26 moves).
  'maze-q-learning': (n) => {
    expect(n.eval).toMatchObject({ meanLength: 26, endedShare: 1 })
    expect(n.eval.meanReturn).toBeCloseTo(0.75, 10)
    expect(n.replay.steps).toBe(26)
  },
  // Shortened here (see `shortened`); the full run reaches a mean return ≥ 195 in `npm run bench`.
  'cartpole-dqn': (n) => {
    expect(n.dqn).toMatchObject({ algorithm: 'dqn', episodes: 8 })
    expect(n.eval.episodes).toBe(5)
    expect(n.eval.meanReturn).toBeGreaterThanOrEqual(8)
  },
  'customer-churn-export': (n) => {
    expect(n.export).toMatchObject({ name: 'churn', files: ['bundle.json', 'lineage.json', 'model-state.json', 'model.json', 'weights.bin'] })
    expect(n.drift.verdict).toBe('No drift: all 5 features look like the training data.')
    expect(n.metrics.accuracy).toBeGreaterThan(0.5)
  },
  'diabetes-linear-models': (n) => {
    for (const id of ['linearMetrics', 'ridgeMetrics', 'lassoMetrics']) expect(n[id].r2).toBeGreaterThanOrEqual(0.55)
    expect(n.lasso.nonZeroCoefficients).toBe(8)
    expect(n.lassoWeights.top).toBe('bmi')
  },
  'kernel-svm-svr': (n) => {
    expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.95)
    expect(n.svrMetrics.r2).toBeGreaterThanOrEqual(0.45)
  },
  'gradient-boosting': (n) => {
    expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.9)
    expect(n.train.stages).toBeLessThan(300)
    expect(n.permutation.top).toBe(n.importance.top)
    expect(n.gbrMetrics.r2).toBeGreaterThanOrEqual(0.4)
    expect(n.hgbMetrics.r2).toBeGreaterThanOrEqual(0.35)
    expect(n.hgbLoss.epochs).toBe(100)
  },
  'two-moons-mlp-search': (n) => {
    expect(n.search.accuracy).toBeGreaterThanOrEqual(0.9)
    expect(n.search.bestParams).toMatchObject({ opt: { learningRate: expect.any(Number) }, spec: { layers: expect.any(Array) } })
    expect(n.metrics.accuracy).toBeGreaterThanOrEqual(0.9)
  },
  // Cross-validation summaries read "mean ± std".
  'iris-cross-validated-comparison': (n) => {
    for (const id of ['treeCV', 'knnCV', 'logitCV']) {
      expect(n[id].folds).toBe(5)
      expect(parseFloat(String(n[id].accuracy))).toBeGreaterThanOrEqual(0.9)
    }
  },
  'cleaning-showcase': (n) => {
    expect(n.csv).toMatchObject({ rows: 40, missing: 10 })
    expect(n.dedupe.rows).toBe(37)
    expect(n.text.categories).toEqual({ city: 3, plan: 2 })
    expect(n.metrics.accuracy).toBeGreaterThan(0.5)
  },
}

/**
 * Examples whose full run takes minutes: here the CLI runs a shortened copy (node id → params)
 * and checks that it runs end to end; `npm run bench` runs them in full and reports their level.
 */
const shortened: Record<string, Record<string, Record<string, unknown>>> = {
  'cartpole-dqn': { dqn: { episodes: 8, learningStarts: 100 }, eval: { episodes: 5 } },
}

/** The path the CLI runs: the example itself, or a shortened copy in a temporary folder. */
function runnable(name: string, file: string, text: string): string {
  const patch = shortened[name]
  if (!patch) return join('examples', file)
  const doc = JSON.parse(text) as { nodes: { id: string; params: Record<string, unknown> }[] }
  for (const node of doc.nodes) if (Object.hasOwn(patch, node.id)) Object.assign(node.params, patch[node.id])
  const path = join(mkdtempSync(join(tmpdir(), 'example-')), file)
  writeFileSync(path, JSON.stringify(doc))
  return path
}

const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'))

describe('examples', () => {
  it('has an expectation for every example file', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(expectations).sort())
  })

  for (const file of files) {
    const name = file.replace(/\.json$/, '')
    it(`${name} loads cleanly, runs through the CLI and reaches its level`, async () => {
      const text = readFileSync(join(examplesDir, file), 'utf8')
      const loaded = loadDocument(text, createRegistry())
      expect(loaded.diagnostics).toEqual([])
      if (!loaded.ok) throw new Error(`${file} does not load`)
      expect(loaded.doc.meta.title && loaded.doc.meta.description).toBeTruthy()
      const again = loadDocument(saveDocument(loaded.doc), createRegistry())
      expect(again.ok && again.doc).toEqual(loaded.doc)

      const started = Date.now()
      // The public entry, as `npm run pipeline` starts it.
      const { stdout } = await run(process.execPath, ['runtime/cli/bin.mjs', 'run', runnable(name, file, text), '--json', '--no-cache'], {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      })
      expect(Date.now() - started).toBeLessThan(60_000)
      const report = JSON.parse(stdout) as Report
      const failed = Object.entries(report.nodes).filter(([, r]) => r.status !== 'ran')
      expect(failed).toEqual([])
      const summaries = Object.fromEntries(Object.entries(report.nodes).map(([id, r]) => [id, r.summary ?? {}]))
      expectations[name]!(summaries)
    }, 90_000)
  }
})
