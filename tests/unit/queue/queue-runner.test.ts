import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { NodeEvent } from '../../../runtime/exec/events'
import { Cancelled } from '../../../runtime/exec/node-runner'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { DEAD_QUEUE, NODE_QUEUE } from '../../../runtime/queue/connection'
import { NodeWorker } from '../../../runtime/queue/node-worker'
import { QueueRunner } from '../../../runtime/queue/queue-runner'
import type { RunTask } from '../../../runtime/exec/runner'
import type { GraphDocument } from '../../../runtime/document/schema'
import { graph } from '../../support/graph'
import { startRedis, type LocalRedis } from '../../support/redis-server'
import { runCounts, testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
let redis: LocalRedis
let dir: string
let worker: NodeWorker
let runner: QueueRunner
/** The run's side of the shared cache: queued nodes' outputs are read from it, not handed back. */
let runCache: NodeCache
const logged: string[] = []

beforeAll(async () => {
  redis = await startRedis()
  dir = await mkdtemp(join(tmpdir(), 'mlcanvas-queue-'))
  // The worker has its own memory tier: only the shared directory joins it to the run.
  const workerCache = new NodeCache({ store: await DirStore.open(dir) })
  worker = await NodeWorker.start({ url: redis.url, registry, cache: workerCache, backend: 'cpu', concurrency: 2, log: (l) => logged.push(l) })
  runCache = new NodeCache({ store: await DirStore.open(dir) })
  runner = await QueueRunner.open(redis.url, runCache, { attempts: 2, backoffMs: 50, pollMs: 500 })
}, 20_000)

afterAll(async () => {
  await runner?.close()
  await worker?.close(true)
  await redis?.stop()
})

/** The task the executor would hand over for node `id` of `doc`. */
function task(doc: GraphDocument, id: string): RunTask {
  const node = doc.nodes.find((n) => n.id === id)!
  return { node, def: registry.get(node.type)!, key: computeKeys(doc, registry).get(id)!, inputs: {} }
}

function env(signal = new AbortController().signal) {
  const events: NodeEvent[] = []
  return { events, env: { signal, backend: 'cpu', emit: (e: NodeEvent) => events.push(e) } }
}

/** The value a queued node published to the shared cache (the runner hands back its summary only). */
async function published(doc: GraphDocument, id: string): Promise<number> {
  const hit = await runCache.get(task(doc, id).key.key)
  if (hit.status !== 'hit') throw new Error(`${id} is not in the shared cache`)
  return ((hit.value as Record<string, unknown>).out as { scalars: { value: number } }).scalars.value
}

describe('QueueRunner with a NodeWorker on a local redis-server', () => {
  it('runs a node on the worker, which reads its input from the shared cache', async () => {
    const doc = graph([['a', 'test.const', { value: 2.5 }], ['b', 'test.add', { offset: 1 }]], ['a.out->b.a'])
    expect((await runner.run(task(doc, 'a'), env().env)).outputs).toBeUndefined()
    expect(await published(doc, 'a')).toBe(2.5)
    const b = await runner.run(task(doc, 'b'), env().env)
    expect(await published(doc, 'b')).toBe(3.5)
    expect(b.summary).toEqual({ value: 3.5 })
  })

  it('one job per key: two requests for the same key at once compute it once', async () => {
    const doc = graph([['c', 'test.const', { value: 11 }], ['s', 'test.slow', { steps: 10 }]], ['c.out->s.a'])
    await runner.run(task(doc, 'c'), env().env)
    const before = runCounts.get('test.slow') ?? 0
    const { queued, joined } = runner.counts
    const [x, y] = await Promise.all([runner.run(task(doc, 's'), env().env), runner.run(task(doc, 's'), env().env)])
    expect([x.summary, y.summary]).toEqual([{ value: 11 }, { value: 11 }])
    expect(await published(doc, 's')).toBe(11)
    expect(runCounts.get('test.slow')! - before).toBe(1)
    expect([runner.counts.queued - queued, runner.counts.joined - joined]).toEqual([1, 1])
  })

  it('streams the worker\'s progress back as the node\'s progress events', async () => {
    const doc = graph([['c', 'test.const', { value: 1 }], ["s", "test.slow", { steps: 100 }]], ['c.out->s.a'])
    await runner.run(task(doc, 'c'), env().env)
    const { events, env: e } = env()
    await runner.run(task(doc, 's'), e)
    const fractions = events.filter((ev) => ev.type === 'progress' && Number.isFinite(ev.fraction))
    expect(fractions.length).toBeGreaterThan(2)
    expect(fractions.every((ev) => ev.nodeId === 's')).toBe(true)
    expect(events.some((ev) => ev.type === 'progress' && ev.message?.startsWith('on worker '))).toBe(true)
  })

  it('a node that keeps failing is retried, then reported with its error and kept in the dead-letter queue', async () => {
    const doc = graph([['f', 'test.fail']])
    const { events, env: e } = env()
    await expect(runner.run(task(doc, 'f'), e)).rejects.toThrow('boom: this node always fails')
    expect(events.some((ev) => ev.type === 'progress' && ev.message?.startsWith('attempt failed: boom'))).toBe(true)
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null })
    const dead = new Queue(DEAD_QUEUE, { connection })
    const letters = await dead.getJobs(['waiting'])
    await dead.close()
    connection.disconnect()
    const letter = letters.find((j) => j.data.key === task(doc, 'f').key.key)
    expect(letter?.data).toMatchObject({ nodeId: 'f', attempts: 2, error: 'boom: this node always fails' })
  })

  it('cancelling the run stops the node on the worker', async () => {
    const doc = graph([['c', 'test.const', { value: 5 }], ['s', 'test.slow', { steps: 1000 }]], ['c.out->s.a'])
    await runner.run(task(doc, 'c'), env().env)
    const controller = new AbortController()
    const { env: e } = env(controller.signal)
    const started = Date.now()
    const running = runner.run(task(doc, 's'), { ...e, emit: (ev) => ev.type === 'progress' && Number.isFinite(ev.fraction) && controller.abort() })
    await expect(running).rejects.toBeInstanceOf(Cancelled)
    expect(Date.now() - started).toBeLessThan(5000)
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null })
    const queue = new Queue(NODE_QUEUE, { connection })
    const job = await queue.getJob(task(doc, 's').key.key)
    for (let i = 0; i < 40 && (await job!.getState()) === 'active'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(await job!.getState()).toBe('failed')
    expect((await queue.getJob(job!.id!))!.failedReason).toBe('cancelled')
    await queue.close()
    connection.disconnect()
    // Not a dead letter: nobody needs that node any more.
    expect(logged.some((l) => l.includes(task(doc, 's').key.key) && l.includes('dead letter'))).toBe(false)
  })

  it('keeps nodes that read files or are volatile in this process', async () => {
    const here = runner.counts.here
    const doc = graph([['v', 'test.volatile']])
    await runner.run(task(doc, 'v'), env().env)
    expect(runner.counts.here - here).toBe(1)
  })

  it('takes as many nested runs at once as workers serve the queue, unless told a number', async () => {
    expect(runner.capacity).toBe(1)
    const second = await NodeWorker.start({ url: redis.url, registry, cache: new NodeCache({ store: await DirStore.open(dir) }), backend: 'cpu' })
    const cache = new NodeCache({ store: await DirStore.open(dir) })
    const counted = await QueueRunner.open(redis.url, cache)
    const told = await QueueRunner.open(redis.url, cache, { capacity: 5 })
    expect([counted.capacity, told.capacity]).toEqual([2, 5])
    await Promise.all([counted.close(), told.close(), second.close(true)])
  })
})
