import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { RunEvent } from '../../../runtime/exec/events'
import { runGraph } from '../../../runtime/exec/executor'
import type { ToWorker } from '../../../runtime/exec/pool/protocol'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { warmPool, workerPort, type PoolSetup } from '../../../runtime/worker/pool-port'
import { channelWorker } from '../../support/channel-worker'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()

/** Two independent branches from one constant, joined at the end. */
const branches = () =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['left', 'test.random', { seed: 1 }],
      ['slowL', 'test.slow', { steps: 15 }],
      ['slowR', 'test.slow', { steps: 16 }],
      ['sum', 'test.add'],
    ],
    ['left.out->slowL.a', 'a.out->slowR.a', 'slowL.out->sum.a', 'slowR.out->sum.b'],
  )

describe('browser pool workers', () => {
  it('run every node of two branches, side by side, with the same results and cache entries as one thread', async () => {
    const started: ReturnType<typeof channelWorker>[] = []
    const pool = warmPool(2, () => {
      started.push(channelWorker(registry, { listenAfterMs: 30 }))
      return workerPort(started.at(-1)!.handle, 'wasm')
    })
    await pool.ready
    expect(started).toHaveLength(2) // started at once, before any node needs them

    const alone = await runGraph({ doc: branches(), registry, cache: new NodeCache() })
    const cache = new NodeCache()
    const events: RunEvent[] = []
    const pooled = await runGraph({ doc: branches(), registry, cache, runner: pool.runner, onEvent: (e) => events.push(e) })
    pool.close()

    expect(pooled.ran).toBe(5)
    for (const [id, node] of Object.entries(alone.nodes)) expect(pooled.nodes[id].summary).toEqual(node.summary)
    // This thread keeps the cache; the two slow branches ran at once, so on different workers.
    for (const node of Object.values(pooled.nodes)) expect([1, 2]).toContain(node.worker)
    expect(pooled.nodes.slowL.worker).not.toBe(pooled.nodes.slowR.worker)
    expect(events.find((e) => e.type === 'done' && e.nodeId === 'slowR')).toMatchObject({ worker: pooled.nodes.slowR.worker })
    expect(events.filter((e) => e.type === 'progress' && e.nodeId === 'slowL')).toHaveLength(15)
    expect(events.filter((e) => e.type === 'progress' && e.nodeId === 'slowR')).toHaveLength(16)
    for (const { key } of computeKeys(branches(), registry, new Map()).values()) expect((await cache.check(key)).status).toBe('hit')
    expect(started.map((w) => w.terminated)).toEqual([true, true])
  })

  it('hold messages until the worker listens, then name the backend first', () => {
    const posted: (ToWorker | PoolSetup)[] = []
    let hear: (m: { kind: 'listening' }) => void = () => undefined
    const port = workerPort(
      { post: (m) => posted.push(m), onMessage: (l) => (hear = l), onError: () => undefined, terminate: () => undefined },
      'webgl',
    )
    port.post({ kind: 'cancel', id: 7 })
    expect(posted).toEqual([])
    hear({ kind: 'listening' })
    expect(posted).toEqual([
      { kind: 'setup', backend: 'webgl' },
      { kind: 'cancel', id: 7 },
    ])
  })

  it('fail a node with a clear message when a worker cannot run the engine’s backend', async () => {
    const worker = channelWorker(registry, { backend: async () => 'cpu' })
    const port = workerPort(worker.handle, 'wasm')
    await expect(port.started).rejects.toThrow('A pool worker could not start the wasm backend (it got cpu); set Workers to 1 in the Cache dialog.')
    expect(worker.terminated).toBe(true)
  })

  it('fail the node of a crashed worker and give the next node a fresh worker', async () => {
    const workers: ReturnType<typeof channelWorker>[] = []
    const pool = warmPool(2, () => {
      workers.push(channelWorker(registry))
      return workerPort(workers.at(-1)!.handle, 'wasm')
    })
    const doc = graph(
      [
        ['a', 'test.const', { value: 1 }],
        ['s1', 'test.slow', { steps: 40 }],
        ['s2', 'test.slow', { steps: 41 }],
      ],
      ['a.out->s1.a', 'a.out->s2.a'],
    )
    const running = runGraph({ doc, registry, cache: new NodeCache(), runner: pool.runner })
    setTimeout(() => workers[0].crash('out of memory'), 250)
    const report = await running
    const statuses = [report.nodes.s1, report.nodes.s2].map((n) => n.error ?? n.status).sort()
    expect(statuses).toEqual(['The worker running this node stopped: out of memory', 'ran'])
    expect(workers[0].terminated).toBe(true)

    const again = await runGraph({ doc, registry, cache: new NodeCache(), runner: pool.runner })
    pool.close()
    expect(workers).toHaveLength(3)
    expect([again.nodes.s1.status, again.nodes.s2.status]).toEqual(['ran', 'ran'])
    expect([again.nodes.s1.worker, again.nodes.s2.worker].sort()).toEqual([1, 2])
  })
})
