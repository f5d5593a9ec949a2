import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli as runCli } from '../reliability/cli'
import type { RunReport } from '../../runtime/exec/events'

/** Runs the CLI in a new process (tests/reliability/cli.ts); resolves with exit code, stdout and stderr. */
const cli = (...args: string[]) => runCli(args)

async function runJson(...args: string[]): Promise<RunReport> {
  const r = await cli('run', ...args, '--json')
  expect(r.stderr).not.toMatch(/Error/)
  return JSON.parse(r.stdout) as RunReport
}

const statuses = (r: RunReport) => Object.fromEntries(Object.entries(r.nodes).map(([id, n]) => [id, n.status]))

// A small two-class table: the class is x + y > 10, with a categorical column along for the ride.
const csv = (rows: number) =>
  'x,y,colour,label\n' +
  Array.from({ length: rows }, (_, i) => {
    const x = (i * 7) % 13
    const y = (i * 5) % 11
    return `${x},${y},${['red', 'green', 'blue'][i % 3]},${x + y > 10 ? 'high' : 'low'}`
  }).join('\n')

interface Doc {
  nodes: { id: string; type: string; params: Record<string, unknown> }[]
  [k: string]: unknown
}

const graphDoc = (epochs: number): Doc => ({
  format: 'mlcanvas/graph',
  version: 1,
  meta: { title: 'CLI test' },
  nodes: [
    { id: 'csv', type: 'data.csv', params: { path: 'points.csv' } },
    { id: 'drop', type: 'clean.select-columns', params: { columns: ['colour'], mode: 'drop' } },
    { id: 'split', type: 'transform.split', params: { test: 0.25, seed: 1 } },
    { id: 'scale', type: 'transform.standardize', params: {} },
    { id: 'spec', type: 'model.logistic-regression', params: {} },
    { id: 'train', type: 'train.fit', params: { epochs, batchSize: 16, seed: 0 } },
    { id: 'predict', type: 'predict.apply', params: {} },
    { id: 'metrics', type: 'metric.classification', params: {} },
  ],
  edges: [
    { id: 'e1', from: { node: 'csv', port: 'data' }, to: { node: 'drop', port: 'data' } },
    { id: 'e2', from: { node: 'drop', port: 'data' }, to: { node: 'split', port: 'data' } },
    { id: 'e3', from: { node: 'split', port: 'data' }, to: { node: 'scale', port: 'data' } },
    { id: 'e4', from: { node: 'spec', port: 'model' }, to: { node: 'train', port: 'model' } },
    { id: 'e5', from: { node: 'scale', port: 'data' }, to: { node: 'train', port: 'data' } },
    { id: 'e6', from: { node: 'train', port: 'model' }, to: { node: 'predict', port: 'model' } },
    { id: 'e7', from: { node: 'scale', port: 'data' }, to: { node: 'predict', port: 'data' } },
    { id: 'e8', from: { node: 'predict', port: 'predictions' }, to: { node: 'metrics', port: 'predictions' } },
  ],
})

describe('pipeline CLI', () => {
  let dir: string
  let graph: string
  let cacheDir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlcanvas-cli-'))
    graph = join(dir, 'graph.json')
    cacheDir = join(dir, 'cache')
    await writeFile(join(dir, 'points.csv'), csv(120))
    await writeFile(graph, JSON.stringify(graphDoc(30)))
  })

  it('caches across processes and re-runs exactly the edited node and its descendants', async () => {
    const first = await runJson(graph, '--cache-dir', cacheDir)
    expect(first.ran).toBe(8)
    expect(first.cached).toBe(0)
    expect(first.backend).toBe('wasm')
    expect(first.nodes.metrics.summary?.accuracy).toBeGreaterThan(0.8)
    expect(first.nodes.csv.reason).toBe('no cache entry')

    const second = await runJson(graph, '--cache-dir', cacheDir)
    expect(second.ran).toBe(0)
    expect(second.cached).toBe(8)
    expect(second.nodes.metrics.summary).toEqual(first.nodes.metrics.summary)

    await writeFile(graph, JSON.stringify(graphDoc(31)))
    const edited = await runJson(graph, '--cache-dir', cacheDir)
    expect(statuses(edited)).toEqual({
      csv: 'cached',
      drop: 'cached',
      split: 'cached',
      scale: 'cached',
      spec: 'cached',
      train: 'ran',
      predict: 'ran',
      metrics: 'ran',
    })
    expect(edited.nodes.train.reason).toBe('params changed: epochs')
    expect(edited.nodes.predict.reason).toBe('input changed: model')
  }, 120_000)

  it('keys files by content: a touched file is cached, an edited one re-runs', async () => {
    const path = join(dir, 'points.csv')
    await runJson(graph, '--cache-dir', cacheDir)
    const later = new Date(Date.now() + 60_000)
    await utimes(path, later, later)
    expect((await runJson(graph, '--cache-dir', cacheDir)).cached).toBe(8)
    await writeFile(path, csv(121))
    const changed = await runJson(graph, '--cache-dir', cacheDir, '--to', 'split')
    expect(changed.nodes.csv).toMatchObject({ status: 'ran', reason: 'file changed: path' })
    expect(changed.nodes.split).toMatchObject({ status: 'ran', reason: 'input changed: data' })
    expect(changed.nodes.train.status).toBe('skipped')
    expect(changed.ran).toBe(3)
    await writeFile(path, csv(120))
  }, 120_000)

  it('forces a node and its descendants', async () => {
    const r = await runJson(graph, '--cache-dir', cacheDir, '--force', 'predict')
    expect(statuses(r)).toMatchObject({ train: 'cached', predict: 'ran', metrics: 'ran' })
    expect(r.nodes.predict.reason).toBe('forced')
  }, 120_000)

  it('prints a line per node without --json', async () => {
    const r = await cli('run', graph, '--cache-dir', cacheDir)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^= metrics \(metric\.classification\) cached {2}accuracy=(0\.\d+|1) /m)
    expect(r.stdout).toMatch(/0 ran, 8 cached, 0 failed in .* on wasm/)
  }, 60_000)

  it('exits 2 with the validation messages for an invalid document', async () => {
    const bad = graphDoc(30)
    bad.nodes[5].params = { epochs: -3 }
    bad.nodes.push({ id: 'x', type: 'model.nope', params: {} })
    const path = join(dir, 'bad.json')
    await writeFile(path, JSON.stringify(bad))
    const r = await cli('run', path)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('error: nodes[5].params.epochs: Too small: expected number to be >=0')
    expect(r.stderr).toContain('error: nodes[8].type: Unknown node type "model.nope".')
    const notJson = join(dir, 'broken.json')
    await writeFile(notJson, '{"format": "mlcanvas/graph", ')
    expect((await cli('run', notJson)).stderr).toMatch(/The file is not valid JSON/)
  }, 60_000)

  it('exits 2 for bad arguments and 1 when a node fails', async () => {
    expect((await cli('run', graph, '--to', 'ghost')).code).toBe(2)
    expect((await cli('frobnicate')).code).toBe(2)
    const missing = graphDoc(30)
    missing.nodes[0].params = { path: 'nowhere.csv' }
    const path = join(dir, 'missing-file.json')
    await writeFile(path, JSON.stringify(missing))
    const r = await cli('run', path, '--json', '--no-cache')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as RunReport
    expect(report.nodes.csv.error).toMatch(/^File not found: nowhere\.csv/)
    expect(report.nodes.metrics.status).toBe('blocked')
    expect(report.nodes.spec.status).toBe('ran')
  }, 60_000)

  it('lists every node type with ports and params as JSON Schema', async () => {
    const r = await cli('nodes', '--json')
    const nodes = JSON.parse(r.stdout) as { type: string; params: { properties: Record<string, { default?: unknown }> } }[]
    const fit = nodes.find((n) => n.type === 'train.fit')!
    // 0 is auto: a scikit-learn-like maximum with a convergence stop (Train version 4).
    expect(fit.params.properties.epochs.default).toBe(0)
    expect(new Set(nodes.map((n) => n.type)).size).toBe(nodes.length)
    expect(JSON.parse(await readFile(graph, 'utf8')).nodes.every((n: { type: string }) => nodes.some((d) => d.type === n.type))).toBe(true)
  }, 60_000)
})
