import { describe, expect, it } from 'vitest'
import { wantsWarmPool } from '../../../runtime/cli/thread-pool'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { runGraph } from '../../../runtime/exec/executor'
import type { FromWorker, PoolPort } from '../../../runtime/exec/pool/protocol'
import { servePool } from '../../../runtime/exec/pool/serve'
import { WorkerPool } from '../../../runtime/exec/pool/worker-pool'
import { defineNode } from '../../../runtime/node-api/define-node'
import { p } from '../../../runtime/node-api/params'
import { port } from '../../../runtime/node-api/ports'
import { Registry } from '../../../runtime/registry'
import { createRegistry } from '../../../nodes'
import { graph } from '../../support/graph'
import { testNodes } from '../../support/test-nodes'

/** When each `test.block` node began its synchronous work. */
const blockStarts = new Map<number, number>()

/** Holds its thread for `ms` before its first await, as a training's set-up does; continuable, as Train is. */
const blockNode = defineNode({
  type: 'test.block',
  version: 1,
  category: 'test',
  title: 'Block',
  description: 'Busy for a while without yielding.',
  inputs: { a: port.metrics() },
  outputs: { out: port.metrics() },
  params: { ms: p.int({ default: 50, min: 1, max: 1000 }), tag: p.int({ default: 0, min: 0, max: 100 }) },
  continueOn: ['ms'],
  async run(_inputs, params, ctx) {
    await ctx.previous?.()
    const t0 = performance.now()
    blockStarts.set(params.tag, t0)
    while (performance.now() - t0 < params.ms);
    return { out: { kind: 'metrics', scalars: { tag: params.tag } } }
  },
})

const registry = new Registry([...testNodes, blockNode])

interface StartOptions {
  /** When each worker has started (default: at once); a rejection kills it before it ran anything. */
  started?: () => Promise<unknown>
  offload?: boolean
  onStartFailure?: (reason: string) => void
}

/** A pool whose "workers" serve nodes on this thread through the real protocol; counts how many started. */
function inThreadPool(spillAfterMs: number, opts: StartOptions = {}) {
  const started: number[] = []
  /** When each node was handed to a worker, by node id. */
  const posted = new Map<string, number>()
  const pool = new WorkerPool({
    size: 3,
    spillAfterMs,
    offload: opts.offload,
    onStartFailure: opts.onStartFailure,
    spawn(): PoolPort {
      started.push(Date.now())
      let deliver: (m: FromWorker) => void = () => undefined
      const handle = servePool(registry, Promise.resolve('test'), (m) => queueMicrotask(() => deliver(m)))
      const begun = opts.started?.()
      return {
        started: begun,
        post: (m) => {
          if (m.kind === 'run') posted.set(m.node.id, performance.now())
          queueMicrotask(() => handle(m))
        },
        listen(message, fail) {
          deliver = message
          begun?.catch((e: Error) => fail(e.message))
        },
        close: () => undefined,
      }
    },
  })
  return { pool, started, posted }
}

/** Two slow branches that become ready together. */
const branches = graph(
  [
    ['left', 'test.random', { seed: 1 }],
    ['right', 'test.random', { seed: 2 }],
    ['slowL', 'test.slow', { steps: 5 }],
    ['slowR', 'test.slow', { steps: 5 }],
  ],
  ['left.out->slowL.a', 'right.out->slowR.a'],
)

describe('WorkerPool start-up', () => {
  it('warm() starts every worker before any node runs', () => {
    const { pool, started } = inThreadPool(100)
    void pool.warm()
    expect(started).toHaveLength(2)
    void pool.warm()
    expect(started).toHaveLength(2)
  })

  it('hands a node to a started idle worker at once instead of waiting for this thread', async () => {
    const { pool, started } = inThreadPool(60_000)
    void pool.warm()
    const t0 = performance.now()
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(4)
    expect(pool.remoteRuns).toBeGreaterThan(0)
    // A minute of patience would show here had a node waited for this thread.
    expect(performance.now() - t0).toBeLessThan(10_000)
    expect(started).toHaveLength(2)
  })

  it('hands a node to an idle worker before a sibling that became ready with it starts blocking this thread', async () => {
    const { pool, posted } = inThreadPool(60_000)
    await pool.warm()
    const doc = graph(
      [
        ['a', 'test.const', { value: 1 }],
        ['b1', 'test.block', { ms: 150, tag: 1 }],
        ['b2', 'test.block', { ms: 150, tag: 2 }],
      ],
      ['a.out->b1.a', 'a.out->b2.a'],
    )
    blockStarts.clear()
    const report = await runGraph({ doc, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(3)
    const [remote] = [...posted.keys()]
    expect(posted.size).toBe(1)
    const local = remote === 'b1' ? 2 : 1
    // Posted while this thread was still free, not 150 ms later when the local node let go of it.
    expect(posted.get(remote)!).toBeLessThan(blockStarts.get(local)!)
  })

  it('without warm(), still spares starting a worker while this thread frees within the wait', async () => {
    const { pool, started } = inThreadPool(60_000)
    const chain = graph([['a', 'test.random'], ['slow', 'test.slow', { steps: 2 }]], ['a.out->slow.a'])
    await runGraph({ doc: chain, registry, cache: new NodeCache(), runner: pool })
    expect(started).toHaveLength(0)
    expect(pool.remoteRuns).toBe(0)
  })
})

describe('WorkerPool: workers that are still starting', () => {
  const never = () => new Promise<never>(() => undefined)

  it('are given no node: the nodes wait for this thread instead of queueing behind a start', async () => {
    const { pool, started } = inThreadPool(10, { started: never })
    void pool.warm()
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(4)
    expect(pool.remoteRuns).toBe(0)
    expect(started).toHaveLength(2)
  })

  it('take the waiting nodes once they have started', async () => {
    const { pool } = inThreadPool(10, { started: () => new Promise((r) => setTimeout(r, 30)) })
    void pool.warm()
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(4)
    expect(pool.remoteRuns).toBeGreaterThan(0)
  })

  it('die before starting: the run goes on on this thread, no other worker is started, and the pool says why once', async () => {
    const told: string[] = []
    const onStartFailure = (reason: string) => told.push(reason)
    const { pool, started } = inThreadPool(10, { started: () => Promise.reject(new Error('no wasm here')), onStartFailure })
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(4)
    expect(pool.remoteRuns).toBe(0)
    expect(started).toHaveLength(1)
    expect(told).toEqual(['no wasm here'])
  })

  it('die before starting with every node offloaded: the nodes fail with the reason', async () => {
    const { pool, started } = inThreadPool(0, { offload: true, started: () => Promise.reject(new Error('no wasm here')) })
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.nodes.left).toMatchObject({ status: 'error', error: 'No pool worker could start: no wasm here' })
    expect(report.nodes.slowL.status).toBe('blocked')
    expect(started).toHaveLength(2)
  })
})

describe('wantsWarmPool: which CLI runs start their pool threads up front', () => {
  const nodes = createRegistry()
  const fit = (id: string) => [id, 'train.fit', {}] as [string, string, Record<string, unknown>]
  it('two training nodes: yes; one training chain, or a search over one (trials may be too short to win a thread back): no', () => {
    expect(wantsWarmPool(graph([['data', 'data.iris'], fit('a'), fit('b')], []), nodes)).toBe(true)
    expect(wantsWarmPool(graph([['data', 'data.iris'], fit('a')], []), nodes)).toBe(false)
    expect(wantsWarmPool(graph([['data', 'data.iris'], fit('a'), ['search', 'select.search', {}]], []), nodes)).toBe(false)
  })
})
