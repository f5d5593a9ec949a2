import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { threadPool, tsThread } from '../../../runtime/cli/thread-pool'
import type { RunEvent } from '../../../runtime/exec/events'
import { runGraph } from '../../../runtime/exec/executor'
import type { WorkerPool } from '../../../runtime/exec/pool/worker-pool'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { graph } from '../../support/graph'
import { Registry } from '../../../runtime/registry'
import { sumStepsNode } from '../../support/sum-steps-node'
import { testNodes } from '../../support/test-nodes'

const registry = new Registry([...testNodes, sumStepsNode])
const script = tsThread(new URL('../../support/pool-thread.ts', import.meta.url))
// One pool for the file, started before the tests: each thread starts tsx (a second or so), and a
// worker takes nodes only once it has started.
let pool: WorkerPool
beforeAll(async () => {
  pool = threadPool({ backend: 'test', allowNet: false }, 2, script)
  await pool.warm()
})
afterAll(() => pool.close())

/** Two independent branches from one table, joined at the end. */
const branches = () =>
  graph(
    [
      ['table', 'test.table', { rows: 1000 }],
      ['copy', 'test.pass'],
      ['left', 'test.random', { seed: 1 }],
      ['right', 'test.random', { seed: 2 }],
      ['slowL', 'test.slow', { steps: 20 }],
      ['slowR', 'test.slow', { steps: 21 }],
      ['sum', 'test.add'],
    ],
    ['table.data->copy.data', 'left.out->slowL.a', 'right.out->slowR.a', 'slowL.out->sum.a', 'slowR.out->sum.b'],
  )

describe('WorkerPool on worker threads', () => {
  it('gives the same results and cache entries as one thread, with nodes run on a worker', async () => {
    const one = new NodeCache()
    const alone = await runGraph({ doc: branches(), registry, cache: one })
    const many = new NodeCache()
    const events: RunEvent[] = []
    const pooled = await runGraph({ doc: branches(), registry, cache: many, runner: pool, onEvent: (e) => events.push(e) })

    expect(pool.remoteRuns).toBeGreaterThan(0)
    expect(pooled.ran).toBe(7)
    for (const [id, node] of Object.entries(alone.nodes)) expect(pooled.nodes[id].summary).toEqual(node.summary)
    expect(pooled.nodes.sum.summary?.value).toBe((alone.nodes.left.summary?.value as number) + (alone.nodes.right.summary?.value as number))
    // Progress from a worker reaches the run's listener.
    expect(events.filter((e) => e.type === 'progress' && e.nodeId === 'slowR')).toHaveLength(21)
    for (const { key } of computeKeys(branches(), registry, new Map()).values()) {
      const cached = await one.get(key)
      expect(cached.status).toBe('hit')
      expect(await many.get(key)).toEqual(cached)
    }
  })

  it('reports a node failing on a worker with its own message and blocks its descendants only', async () => {
    const doc = graph(
      [
        ['a', 'test.const', { value: 1 }],
        ['slow', 'test.slow', { steps: 20 }],
        ['bad', 'test.fail'],
        ['after', 'test.add'],
      ],
      ['a.out->slow.a', 'a.out->bad.a', 'bad.out->after.a'],
    )
    const before = pool.remoteRuns
    const report = await runGraph({ doc, registry, cache: new NodeCache(), runner: pool })
    expect(pool.remoteRuns).toBeGreaterThan(before)
    expect(report.nodes.bad).toMatchObject({ status: 'error', error: 'boom: this node always fails' })
    expect(report.nodes.after.status).toBe('blocked')
    expect(report.nodes.slow.status).toBe('ran')
  })

  it('cancels a node running on a worker', async () => {
    const doc = graph(
      [
        ['a', 'test.const', { value: 1 }],
        ['s1', 'test.slow', { steps: 500 }],
        ['s2', 'test.slow', { steps: 500 }],
      ],
      ['a.out->s1.a', 'a.out->s2.a'],
    )
    const before = pool.remoteRuns
    const controller = new AbortController()
    const started = performance.now()
    const running = runGraph({ doc, registry, cache: new NodeCache(), runner: pool, signal: controller.signal })
    setTimeout(() => controller.abort(), 300)
    const report = await running
    expect(pool.remoteRuns).toBe(before + 1)
    expect(report.nodes.s1.status).toBe('cancelled')
    expect(report.nodes.s2.status).toBe('cancelled')
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('continues a node on a worker from its earlier result, as on one thread', async () => {
    const doc = (steps: number) =>
      graph(
        [
          ['a', 'test.const', { value: 1 }],
          ['slow', 'test.slow', { steps: 30 }],
          ['s', 'test.sum-steps', { steps }],
        ],
        ['a.out->slow.a', 'a.out->s.a'],
      )
    const cache = new NodeCache()
    await runGraph({ doc: doc(5), registry, cache, scope: 'g' })
    const before = pool.remoteRuns
    // The slow node (forced) holds this thread, so the continued node goes to the worker.
    const report = await runGraph({ doc: doc(8), registry, cache, scope: 'g', runner: pool, force: ['slow'] })
    expect(pool.remoteRuns).toBe(before + 1)
    expect(report.nodes.s).toMatchObject({ status: 'ran', reason: 'continued from step 5 (params changed: steps)' })
    expect(report.nodes.s.summary?.value).toBe(36)
  })
})
