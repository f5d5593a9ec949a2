import { describe, expect, it } from 'vitest'
import { wantsWarmPool } from '../../../runtime/cli/thread-pool'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { runGraph } from '../../../runtime/exec/executor'
import type { FromWorker, PoolPort } from '../../../runtime/exec/pool/protocol'
import { servePool } from '../../../runtime/exec/pool/serve'
import { WorkerPool } from '../../../runtime/exec/pool/worker-pool'
import { Registry } from '../../../runtime/registry'
import { createRegistry } from '../../../nodes'
import { graph } from '../../support/graph'
import { testNodes } from '../../support/test-nodes'

const registry = new Registry(testNodes)

interface StartOptions {
  /** When each worker has started (default: at once); a rejection kills it before it ran anything. */
  started?: () => Promise<unknown>
  offload?: boolean
}

/** A pool whose "workers" serve nodes on this thread through the real protocol; counts how many started. */
function inThreadPool(spillAfterMs: number, opts: StartOptions = {}) {
  const started: number[] = []
  const pool = new WorkerPool({
    size: 3,
    spillAfterMs,
    offload: opts.offload,
    spawn(): PoolPort {
      started.push(Date.now())
      let deliver: (m: FromWorker) => void = () => undefined
      const handle = servePool(registry, Promise.resolve('test'), (m) => queueMicrotask(() => deliver(m)))
      const begun = opts.started?.()
      return {
        started: begun,
        post: (m) => queueMicrotask(() => handle(m)),
        listen(message, fail) {
          deliver = message
          begun?.catch((e: Error) => fail(e.message))
        },
        close: () => undefined,
      }
    },
  })
  return { pool, started }
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

  it('die before starting: the run goes on on this thread and no other worker is started', async () => {
    const { pool, started } = inThreadPool(10, { started: () => Promise.reject(new Error('no wasm here')) })
    const report = await runGraph({ doc: branches, registry, cache: new NodeCache(), runner: pool })
    expect(report.ran).toBe(4)
    expect(pool.remoteRuns).toBe(0)
    expect(started).toHaveLength(1)
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
