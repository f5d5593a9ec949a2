import 'fake-indexeddb/auto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { IdbStore } from '../../runtime/cache/idb-store'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import type { RunEvent } from '../../runtime/exec/events'
import { canonicalJson } from '../../runtime/keys/canonical'
import { hashString } from '../../runtime/keys/hash'
import { NODE_QUEUE } from '../../runtime/queue/connection'
import { Engine } from '../../runtime/worker/engine'
import { BrowserFileStore } from '../../runtime/worker/file-store'
import { CliProcesses, type Proc } from '../support/cli-processes'
import { startRedis, type LocalRedis } from '../support/redis-server'

const ORIGIN = 'http://editor.test'
const TOKEN = 'test-token'
const registry = createRegistry()

const processes = new CliProcesses()
const started = processes.started
const dirs: string[] = []
let redis: LocalRedis | undefined
let bridgeUrl = ''
let cacheArgs: string[] = []
let workers: Proc[] = []
let doc: GraphDocument

const start = (args: string[]) => processes.start(args)

async function until(what: string, ok: () => boolean, ms = 90_000, poll?: () => Promise<void>) {
  const deadline = Date.now() + ms
  while ((await poll?.(), !ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${started.map((p) => p.out).join('\n')}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The engine as the editor's worker builds it (IndexedDB cache, its own file store), on Node's wasm backend. */
function browserEngine(): Engine {
  const name = `bridge-${Math.random()}`
  return new Engine({
    registry,
    cache: new NodeCache({ store: new IdbStore(name) }),
    files: new BrowserFileStore(`${name}-files`),
    startBackend: async () => ({ backend: await setupNodeBackend(), failed: [], available: ['wasm'] }),
  })
}

/** Cache key → how many times a worker computed it (`✓` lines; `=` lines found it cached). */
function computedKeys(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const w of workers) for (const m of w.out.matchAll(/^✓ \S+ \(\S+\) ([0-9a-f]{32}) /gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
  return counts
}

/** The counts once the workers' logs have caught up (a job's result can reach the engine before its log line reaches us). */
async function settledKeys(): Promise<Map<string, number>> {
  let last = computedKeys()
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 300))
    const now = computedKeys()
    if (now.size === last.size) return now
    last = now
  }
  return last
}

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${bridgeUrl}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, origin: ORIGIN, ...(init.headers as object) } })

/** Starts a PUT of `size` bytes (headers only: the bridge refuses it by its length) and resolves with the answer. */
function oversizedPut(path: string, size: number): Promise<{ status: number; error: string }> {
  return new Promise((done, fail) => {
    const req = request(`${bridgeUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream', 'content-length': size },
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () => {
        done({ status: res.statusCode!, error: (JSON.parse(text) as { error: string }).error })
        req.destroy()
      })
    })
    req.on('error', fail)
    req.flushHeaders()
  })
}

beforeAll(async () => {
  redis = await startRedis()
  const shared = await mkdtemp(join(tmpdir(), 'mlcanvas-bridge-shared-'))
  dirs.push(shared)
  cacheArgs = ['--queue', redis.url, '--cache-dir', shared]
  workers = [0, 1].map(() => start(['worker', ...cacheArgs, '--warm-up-ms', '0']))
  const bridge = start(['bridge', ...cacheArgs, '--port', '0', '--allow-origin', ORIGIN, '--token', TOKEN, '--max-entry-mb', '4'])
  await until('the bridge and two workers', () => /bridge on http/.test(bridge.out) && workers.every((w) => w.out.includes(' serving ')))
  bridgeUrl = /bridge on (http:\/\/\S+) /.exec(bridge.out)![1]
  // The queue test's 20-trial random search, cut to 8 trials: train → predict → metrics per trial.
  const fixture = JSON.parse(await readFile(resolve('tests/fixtures/queue/search-20.json'), 'utf8')) as GraphDocument
  const search = fixture.nodes.find((n) => n.type === 'select.search')!
  search.params = { ...search.params, trials: 8 }
  const loaded = loadDocument(fixture, registry)
  if (!loaded.ok) throw new Error('fixture does not load')
  doc = loaded.doc
}, 120_000)

afterAll(async () => {
  await processes.stopAll('SIGTERM')
  await redis?.stop()
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe('the editor engine on a remote queue through pipeline bridge', () => {
  it('runs a search’s trials on two workers: same results as here, each job once, a re-run all hits', async () => {
    const here = browserEngine()
    await here.init()
    const local = await here.run({ doc, scope: 'g' }, () => undefined)

    const engine = browserEngine()
    await engine.init()
    expect(await engine.setRemote({ url: bridgeUrl, token: TOKEN })).toEqual({ workers: 2 })
    const events: RunEvent[] = []
    const remote = await engine.run({ doc, scope: 'g' }, (e) => events.push(e))
    for (const [id, n] of Object.entries(local.nodes)) {
      expect(remote.nodes[id].status, `${id}: ${remote.nodes[id].error}`).toBe('ran')
      expect(remote.nodes[id].summary, id).toEqual(n.summary)
    }
    // The top-level nodes a queue runs (not the data, not the search) ran on a worker, and say which.
    expect(remote.nodes.train.remote).toMatch(/^.+:\d+$/)
    expect(remote.nodes.search.remote).toBeUndefined()
    expect(events.some((e) => e.type === 'done' && e.nodeId === 'train' && e.remote === remote.nodes.train.remote)).toBe(true)
    // The trials table says which queue workers ran each computed trial (a repeated point is a cache hit: "—").
    const trials = (await engine.preview(doc, 'search', 'trials')) as { columns: { name: string }[]; head: string[][] }
    const [status, ranOn] = ['status', 'ran on'].map((name) => trials.columns.findIndex((c) => c.name === name))
    expect(trials.head.filter((row) => row[status] === 'ran').length).toBeGreaterThan(0)
    for (const row of trials.head) expect(row[ranOn]).toMatch(row[status] === 'ran' ? /^queue workers? \S+:\d+(, \S+:\d+)?$/ : /^—$/)
    const computed = await settledKeys()
    // 8 trials × (train, predict, metrics) plus the top-level chain, less repeated points.
    expect(computed.size).toBeGreaterThanOrEqual(20)
    for (const [key, times] of computed) expect(times, key).toBe(1)
    expect(workers.every((w) => /^✓ /m.test(w.out))).toBe(true)

    const again = await engine.run({ doc, scope: 'g' }, () => undefined)
    expect([again.ran, again.cached]).toEqual([0, Object.keys(local.nodes).length])
    // Another browser (an empty IndexedDB) finds every queued node done: no worker computes again.
    const other = browserEngine()
    await other.init()
    await other.setRemote({ url: bridgeUrl, token: TOKEN })
    const fresh = await other.run({ doc, scope: 'g' }, () => undefined)
    expect(fresh.nodes.search.summary).toEqual(local.nodes.search.summary)
    expect(await settledKeys()).toEqual(computed)
  }, 90_000)

  it('answers bad requests with 4xx and a message, and keeps serving', async () => {
    const key = 'ab'.repeat(16)
    const bytes = { 'content-type': 'application/octet-stream' }
    const json = { 'content-type': 'application/json' }
    // A well-formed job whose input nobody uploaded.
    const orphan = { type: 'predict.apply', version: 1, params: {}, inputs: { model: `${'cd'.repeat(16)}#model` }, files: {} }
    const missingInput = hashString(canonicalJson(orphan))
    const cases: [string, RequestInit, number, string][] = [
      ['/entries/not-a-key', { method: 'PUT', body: new Uint8Array(8), headers: bytes }, 400, 'is not a cache key'],
      [`/entries/${key}`, { method: 'PUT', body: new Uint8Array(64), headers: bytes }, 400, 'Not a sealed cache entry'],
      [`/entries/${key}`, { method: 'PUT', body: '{}', headers: json }, 415, 'application/octet-stream'],
      [`/entries/${key}`, { method: 'GET' }, 404, `No usable cache entry ${key}`],
      [`/jobs/${key}`, { method: 'POST', body: '{"recipe": 1, "nodeId": "n"}', headers: json }, 400, 'recipe: expected an object'],
      [`/jobs/${key}`, { method: 'POST', body: '{"recipe": {', headers: json }, 400, 'JSON'],
      [`/jobs/${key}`, { method: 'POST', body: '{"__proto__": {"x": 1}}', headers: json }, 400, 'not valid JSON'],
      [`/jobs/${key}`, { method: 'POST', body: new Uint8Array(4), headers: bytes }, 415, 'application/json'],
      [`/jobs/${key}`, { method: 'POST', body: JSON.stringify({ nodeId: 'n', recipe: { type: 'train.fit', version: 1, params: {}, inputs: {}, files: {} } }), headers: json }, 400, 'does not hash to'],
      [`/jobs/${missingInput}`, { method: 'POST', body: JSON.stringify({ nodeId: 'n', recipe: orphan }), headers: json }, 409, `Input "model" (${'cd'.repeat(16)}) is not in the shared cache`],
      [`/jobs/${key}/events`, { method: 'GET' }, 404, `No job ${key}`],
      ['/health', { method: 'GET', headers: { origin: 'http://elsewhere.test' } }, 403, '--allow-origin http://elsewhere.test'],
      ['/entries/' + key, { method: 'HEAD', headers: { authorization: 'Bearer wrong' } }, 401, ''],
    ]
    for (const [path, init, status, message] of cases) {
      const res = await call(path, init)
      expect(res.status, `${init.method} ${path}`).toBe(status)
      if (message) expect(((await res.json()) as { error: string }).error, `${init.method} ${path}`).toContain(message)
    }
    expect(await oversizedPut(`/entries/${key}`, 5 * 2 ** 20)).toMatchObject({ status: 413, error: expect.stringContaining('too large') })
    const preflight = await fetch(`${bridgeUrl}/jobs/${key}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const health = await call('/health')
    expect(await health.json()).toEqual({ ok: true, protocol: 2, workers: 2, maxEntryBytes: 4 * 2 ** 20 })
  }, 30_000)

  it('cancels a node running on a worker through DELETE: the run ends cancelled and the worker stops the job', async () => {
    const engine = browserEngine()
    await engine.init()
    await engine.setRemote({ url: bridgeUrl, token: TOKEN })
    // A training long enough to be caught running (new keys: another seed).
    const slow = structuredClone(doc)
    slow.nodes.find((n) => n.id === 'train')!.params = { ...slow.nodes.find((n) => n.id === 'train')!.params, epochs: 2000, seed: 5 }
    const connection = new Redis(redis!.url, { maxRetriesPerRequest: null })
    const queue = new Queue(NODE_QUEUE, { connection })
    try {
      const running = engine.run({ doc: slow, scope: 'c', to: 'train' }, () => undefined)
      let job: string | undefined
      await until('a running train job', () => job !== undefined, 60_000, async () => {
        job = (await queue.getActive()).find((j) => j.data.recipe.type === 'train.fit' && j.data.recipe.params.epochs === 2000)?.id
      })
      await engine.cancel()
      const report = await running
      expect(report.nodes.train.status).toBe('cancelled')
      let state = ''
      await until('the worker to stop the job', () => state === 'failed', 20_000, async () => {
        state = await queue.getJobState(job!)
      })
      expect((await queue.getJob(job!))?.failedReason).toBe('cancelled')
    } finally {
      await queue.close()
      connection.disconnect()
    }
  }, 90_000)

  it('queues a node again when another run’s cancel withdrew its job before it ran, as the CLI does', async () => {
    const engine = browserEngine()
    await engine.init()
    await engine.setRemote({ url: bridgeUrl, token: TOKEN })
    await engine.run({ doc, scope: 'w', to: 'train' }, () => undefined)
    const edited = structuredClone(doc)
    const train = edited.nodes.find((n) => n.id === 'train')!
    train.params = { ...train.params, seed: 11 }
    const connection = new Redis(redis!.url, { maxRetriesPerRequest: null })
    const queue = new Queue(NODE_QUEUE, { connection })
    // Paused, the queue keeps the job waiting: what another run's cancel withdraws.
    await queue.pause()
    try {
      const messages: string[] = []
      const running = engine.run({ doc: edited, scope: 'w', to: 'train' }, (e) => void (e.type === 'progress' && e.nodeId === 'train' && messages.push(e.message ?? '')))
      let job: string | undefined
      await until('the waiting train job', () => job !== undefined, 30_000, async () => {
        job = (await queue.getWaiting()).find((j) => j.data.recipe.type === 'train.fit' && j.data.recipe.params.seed === 11)?.id
      })
      expect((await call(`/jobs/${job}`, { method: 'DELETE' })).status).toBe(202)
      await until('the job queued again', () => messages.some((m) => m.startsWith('withdrawn')), 20_000)
      await queue.resume()
      const report = await running
      expect(report.nodes.train.status, report.nodes.train.error).toBe('ran')
      expect(report.nodes.train.remote).toMatch(/^.+:\d+$/)
      expect(messages).toContain('withdrawn by another run’s cancel: queued again')
    } finally {
      await queue.resume()
      await queue.close()
      connection.disconnect()
    }
  }, 60_000)

  it('follows a job through a bridge restart; a bridge that stays down fails the node clearly, and a later run picks up the result', async () => {
    const bridgeOn = async (port: number) => {
      const p = start(['bridge', ...cacheArgs, '--port', String(port), '--allow-origin', ORIGIN, '--token', TOKEN])
      await until('another bridge', () => /bridge on http/.test(p.out))
      return { p, url: /bridge on (http:\/\/\S+) /.exec(p.out)![1] }
    }
    const kill = async (p: Proc) => {
      p.child.kill('SIGKILL')
      await p.exited
    }
    let bridge = await bridgeOn(0)
    const port = Number(new URL(bridge.url).port)
    const engine = browserEngine()
    await engine.init()
    await engine.setRemote({ url: bridge.url, token: TOKEN })
    await engine.run({ doc, scope: 'r', to: 'train' }, () => undefined)
    /** Runs train with `seed`; the bridge is killed once the job reports progress, and `then` runs. */
    const runKilled = async (seed: number, then: () => Promise<void>) => {
      const edited = structuredClone(doc)
      const train = edited.nodes.find((n) => n.id === 'train')!
      train.params = { ...train.params, epochs: 400, seed }
      const messages: string[] = []
      const running = engine.run({ doc: edited, scope: 'r', to: 'train' }, (e) => void (e.type === 'progress' && e.nodeId === 'train' && messages.push(e.message ?? '')))
      await until('progress from the train job', () => messages.length > 0, 30_000)
      await kill(bridge.p)
      await then()
      return { report: await running, messages, edited }
    }
    const restarted = await runKilled(21, async () => void (bridge = await bridgeOn(port)))
    expect(restarted.report.nodes.train.status, restarted.report.nodes.train.error).toBe('ran')
    expect(restarted.messages.some((m) => m.startsWith('lost the remote queue'))).toBe(true)

    const down = await runKilled(22, async () => undefined)
    expect(down.report.nodes.train.error).toMatch(new RegExp(`^The remote queue at ${bridge.url} stopped answering while node "train" ran \\(.+\\)\\. Its job goes on on the workers`))
    bridge = await bridgeOn(port)
    const again = await engine.run({ doc: down.edited, scope: 'r', to: 'train' }, () => undefined)
    expect(again.nodes.train.status).toBe('ran')
    await kill(bridge.p)
  }, 60_000)

  it('says at once when the token is missing or wrong (its /health needs none)', async () => {
    const engine = browserEngine()
    await engine.init()
    expect((await engine.setRemote({ url: bridgeUrl, token: 'wrong' })).error).toBe(
      `The remote queue at ${bridgeUrl} refused this editor’s token: set "Token" in Cache and workers to the one its \`pipeline bridge --token\` was started with.`,
    )
    expect((await engine.setRemote({ url: bridgeUrl })).error).toContain(`The remote queue at ${bridgeUrl} needs a token: set "Token"`)
  })

  it('fails a node with a clear message when the bridge is down, and the engine runs it here once cleared', async () => {
    const engine = browserEngine()
    await engine.init()
    const down = await engine.setRemote({ url: 'http://127.0.0.1:9' })
    expect(down.error).toContain('The remote queue at http://127.0.0.1:9 cannot be reached')
    const failed = await engine.run({ doc, scope: 'g', to: 'split' }, () => undefined)
    expect(failed.nodes.moons.status).toBe('error')
    expect(failed.nodes.moons.error).toContain('Clear "Remote queue" in Cache and workers to run on this machine')
    expect(failed.nodes.split.status).toBe('blocked')
    await engine.setRemote(undefined)
    const ran = await engine.run({ doc, scope: 'g', to: 'split' }, () => undefined)
    expect([ran.nodes.moons.status, ran.nodes.split.status]).toEqual(['ran', 'ran'])
  }, 30_000)
})
