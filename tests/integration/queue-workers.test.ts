import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { DirStore } from '../../runtime/cache/dir-store'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { RunReport } from '../../runtime/exec/events'
import { computeKeys } from '../../runtime/keys/cache-keys'
import type { CategoricalColumn, Dataset } from '../../runtime/values/dataset'
import { NODE_QUEUE } from '../../runtime/queue/connection'
import { CliProcesses, type Proc } from '../support/cli-processes'
import { startRedis, type LocalRedis } from '../support/redis-server'

/** A random search of 20 learning rates: each trial is train → predict → metrics, three jobs. */
const GRAPH = resolve('tests/fixtures/queue/search-20.json')

const processes = new CliProcesses()

let redis: LocalRedis | undefined
const dirs: string[] = []

const start = (args: string[]) => processes.start(args)

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** [status, ran on] per row of the search's trials table, read from the cache in `dir`. */
async function trialsRanOn(dir: string): Promise<[string, string][]> {
  const registry = createRegistry()
  const loaded = loadDocument(JSON.parse(await readFile(GRAPH, 'utf8')), registry)
  if (!loaded.ok) throw new Error('the fixture does not load')
  const key = computeKeys(loaded.doc, registry).get('search')!.key
  const hit = await new NodeCache({ store: await DirStore.open(dir) }).get(key)
  if (hit.status !== 'hit') throw new Error('the search is not in the shared cache')
  const table = (hit.value as { trials: Dataset }).trials
  const text = (name: string) => {
    const column = table.columns.find((c) => c.name === name) as CategoricalColumn
    return Array.from(column.codes, (code) => column.categories[code])
  }
  const [status, where] = [text('status'), text('ran on')]
  return status.map((s, i) => [s, where[i]])
}

async function runReport(proc: Proc): Promise<RunReport> {
  const code = await proc.exited
  expect(code, proc.out).toBe(0)
  return JSON.parse(proc.out.split('\n').find((l) => l.startsWith('{"backend"'))!) as RunReport
}

/** Cache key → how many times a worker computed it (`✓` lines; `=` lines found it cached). */
function computedKeys(workers: Proc[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const w of workers) {
    for (const m of w.out.matchAll(/^✓ \S+ \(\S+\) ([0-9a-f]{32}) /gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
  }
  return counts
}

afterAll(async () => {
  await processes.stopAll('SIGKILL')
  await redis?.stop()
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('pipeline run --queue with three pipeline worker processes', () => {
  it('computes each job once, equals a local run, loses nothing to a SIGKILLed worker, and re-runs as cache hits', async () => {
    redis = await startRedis()
    const shared = await mkdtemp(join(tmpdir(), 'mlcanvas-queue-shared-'))
    const local = await mkdtemp(join(tmpdir(), 'mlcanvas-queue-local-'))
    dirs.push(shared, local)
    // A short lock, so the killed worker's job is recovered within seconds (the default is 30 s);
    // a short warm-up (one small fit each) before serving.
    const workerArgs = ['worker', '--queue', redis.url, '--cache-dir', shared, '--lock-ms', '3000', '--warm-up-ms', '100']
    const workers = [start(workerArgs), start(workerArgs), start(workerArgs)]
    await until('three workers', () => workers.every((w) => w.out.includes(' serving ')))
    for (const w of workers) expect(w.out).toMatch(/^warmed up: [1-9]\d* small fits in \d+ ms$/m)

    const localRun = start(['run', GRAPH, '--json', '--cache-dir', local, '--workers', '1'])
    const queued = start(['run', GRAPH, '--json', '--cache-dir', shared, '--queue', redis.url])
    // Kill whichever worker holds the first train job, while it runs: the worker is frozen first
    // (SIGSTOP) and killed only if the job is still active then; a job that finished in the meantime
    // lets its worker go on (SIGCONT) and the next train job is tried.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null })
    const queue = new Queue(NODE_QUEUE, { connection })
    let victim: { pid: number; key: string } | undefined
    await until('a running train job', async () => {
      for (const job of await queue.getActive()) {
        const pid = Number(job.processedBy?.split(':').pop())
        if (job.data.recipe.type !== 'train.fit' || !workers.some((w) => w.child.pid === pid)) continue
        process.kill(pid, 'SIGSTOP')
        await new Promise((r) => setTimeout(r, 100))
        if ((await queue.getJobState(job.id!)) === 'active') {
          victim = { pid, key: job.id! }
          return true
        }
        process.kill(pid, 'SIGCONT')
      }
      return false
    })
    const killed = workers.find((w) => w.child.pid === victim!.pid)!
    killed.child.kill('SIGKILL')
    await queue.close()
    connection.disconnect()

    const [viaQueue, here] = await Promise.all([runReport(queued), runReport(localRun)])
    for (const id of Object.keys(here.nodes)) {
      expect(viaQueue.nodes[id].status, id).toBe('ran')
      expect(viaQueue.nodes[id].summary, id).toEqual(here.nodes[id].summary)
    }
    const survivors = workers.filter((w) => w !== killed)
    const computed = computedKeys(workers)
    // 20 trials × (train, predict, metrics), less trials that drew an already-tried point.
    expect(computed.size).toBeGreaterThanOrEqual(30)
    for (const [key, times] of computed) expect(times, key).toBe(1)
    // A survivor settled the killed worker's job: it computed it, or found it published if the kill
    // came between publishing and acknowledging; either way it was computed once (checked above).
    expect(killed.out).not.toMatch(new RegExp(`^✓ .* ${victim!.key} `, 'm'))
    expect(survivors.some((w) => new RegExp(`^[✓=] .* ${victim!.key} `, 'm').test(w.out))).toBe(true)
    expect(survivors.every((w) => computedKeys([w]).size > 0)).toBe(true)
    // The search's trials table (in the shared cache) says which queue worker ran each computed trial.
    const ranOn = await trialsRanOn(shared)
    expect(ranOn.filter(([status]) => status === 'ran').length).toBeGreaterThan(0)
    for (const [status, where] of ranOn) expect(where).toMatch(status === 'ran' ? /^queue workers? \S+:\d+(, \S+:\d+)*$/ : /^—$/)

    const again = await runReport(start(['run', GRAPH, '--json', '--cache-dir', shared, '--queue', redis.url]))
    expect(again.ran).toBe(0)
    expect(again.cached).toBe(Object.keys(here.nodes).length)

    for (const w of survivors) w.child.kill('SIGTERM')
    expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0])
  }, 120_000)

  it('refuses --queue without a shared cache, and an unreachable queue, before running anything (exit 2)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'mlcanvas-queue-unused-'))
    dirs.push(cacheDir)
    const noCache = start(['run', GRAPH, '--queue', 'redis://127.0.0.1:1'])
    const unreachable = start(['run', GRAPH, '--queue', 'redis://127.0.0.1:1', '--cache-dir', cacheDir])
    expect(await noCache.exited).toBe(2)
    expect(noCache.out).toContain('--queue needs the cache the workers share')
    expect(await unreachable.exited).toBe(2)
    expect(unreachable.out).toContain('Cannot reach the queue at redis://127.0.0.1:1: connect ECONNREFUSED')
  }, 60_000)
})
