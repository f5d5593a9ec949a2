import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)

/** The CLI as users start it, with the bundle it builds next to its code caches. */
const BIN = resolve('runtime/cli/bin.mjs')
const THREAD_CACHE = resolve('node_modules/.cache/mlcanvas-cli/pool-thread.mjs.v8cache')
/** tfjs-core's code cache (runtime/cli/require-cache.mjs), written by the first run that required it. */
const TFJS_CACHE = resolve('node_modules/.cache/mlcanvas-cli/require-cache/@tensorflow+tfjs-core+dist+tf-core.node.js.v8cache')

interface Report {
  ran: number
  nodes: Record<string, { status: string; summary?: Record<string, unknown>; worker?: number }>
}

describe('pipeline run --workers 2 from bin.mjs', () => {
  let dir: string
  let graph: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pool-thread-cache-'))
    // The bench's two-branch graph, small: two trainings that both threads take.
    const doc = JSON.parse(await readFile(resolve('tests/bench/graphs/two-branches.json'), 'utf8'))
    for (const n of doc.nodes) {
      if (n.type === 'data.classification') n.params.samples = 8000
      if (n.type === 'train.fit') n.params.epochs = 30
    }
    graph = join(dir, 'graph.json')
    await writeFile(graph, JSON.stringify(doc))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const run = async (workers: string): Promise<Report> => {
    const { stdout } = await exec(process.execPath, [BIN, 'run', graph, '--json', '--no-cache', '--backend', 'wasm', '--workers', workers], { maxBuffer: 1 << 24 })
    return JSON.parse(stdout.trim().split('\n').pop()!)
  }

  it('runs a pool thread from its own V8 code caches (bundle and tfjs), with the numbers of one thread', async () => {
    const one = await run('1')
    expect((await stat(TFJS_CACHE)).size).toBeGreaterThan(50_000)
    const two = await run('2')
    expect(two.ran).toBe(one.ran)
    expect(Object.values(two.nodes).some((n) => n.worker !== undefined)).toBe(true)
    for (const [id, n] of Object.entries(one.nodes)) expect(two.nodes[id].summary, id).toEqual(n.summary)
    // The thread started through the loader bin.mjs names (runBundle), which writes the thread's cache.
    expect((await stat(THREAD_CACHE)).size).toBeGreaterThan(100_000)
  }, 180_000)
})
