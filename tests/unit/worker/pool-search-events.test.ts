import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../../nodes'
import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { RunEvent } from '../../../runtime/exec/events'
import { Engine } from '../../../runtime/worker/engine'
import { BrowserFileStore } from '../../../runtime/worker/file-store'
import { warmPool, workerPort } from '../../../runtime/worker/pool-port'
import { channelWorker } from '../../support/channel-worker'

const registry = createRegistry()
const example = () => JSON.parse(readFileSync('examples/two-moons-mlp-search.json', 'utf8')) as GraphDocument

/** An engine on the wasm backend whose pool runs on channel workers; `sent` counts the nodes sent to them. */
async function pooledEngine(workers: number) {
  const backend = await setupNodeBackend('wasm')
  const sent = { runs: 0 }
  const engine = new Engine({
    registry,
    cache: new NodeCache(),
    files: new BrowserFileStore(`files-${Math.random()}`),
    startBackend: async () => ({ backend, failed: [], available: [backend] }),
    pool: (size, b) =>
      warmPool(size, () => {
        const { handle } = channelWorker(registry)
        const post: typeof handle.post = (m) => {
          if (m.kind === 'run') sent.runs += 1
          handle.post(m)
        }
        return workerPort({ ...handle, post }, b)
      }),
  })
  await engine.init()
  await engine.setWorkers(workers)
  return { engine, sent }
}

describe('a search whose trials run on pool workers', () => {
  it('reports each node of the graph once, and the search with its own best trial, never a trial node’s events', async () => {
    const { engine, sent } = await pooledEngine(2)
    const events: RunEvent[] = []
    const report = await engine.run({ doc: example(), scope: 'editor' }, (e) => events.push(e))
    const ends = events.flatMap((e) => (e.type === 'done' || e.type === 'cached' ? [e.nodeId] : []))
    // Trials re-run train, predict and metrics under the same ids: none of their events may reach the listener.
    expect(ends.sort()).toEqual(['metrics', 'moons', 'opt', 'predict', 'search', 'spec', 'split', 'train'])
    expect(sent.runs).toBeGreaterThan(7 + 9)
    const done = events.find((e) => e.type === 'done' && e.nodeId === 'search')
    // The CLI's best trial for this example, on one thread (tests/integration/examples.test.ts, the select e2e).
    expect(done).toMatchObject({ summary: { 'best trial': 10, trials: 12, bestParams: { opt: { learningRate: 0.06410057254 } } } })
    expect(done && 'worker' in done).toBe(false) // the search itself runs in the engine's thread
    const searchEvents = events.filter((e) => 'nodeId' in e && e.nodeId === 'search' && e.type !== 'progress').map((e) => e.type)
    expect(searchEvents).toEqual(['queued', 'running', 'done'])
    expect(report.nodes.train.worker).toBeGreaterThanOrEqual(1)
    // The trials table says which pool workers ran each trial's nodes.
    const trials = (await engine.preview(example(), 'search', 'trials')) as { columns: { name: string }[]; head: string[][] }
    const column = trials.columns.findIndex((c) => c.name === 'ran on')
    const shown = new Set(trials.head.map((row) => row[column]))
    expect(trials.head).toHaveLength(12)
    expect([...shown].every((w) => ['pool worker 1', 'pool worker 2', 'pool workers 1, 2'].includes(w))).toBe(true)
  }, 30_000)
})
