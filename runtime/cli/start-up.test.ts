import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const CLI = resolve('runtime/cli/bin.mjs')
const GRAPH = resolve('examples/blobs-kmeans.json')

/** The CLI once, with the CommonJS files Node loaded (NODE_DEBUG=module) and the report. */
async function run(cacheDir: string, graph = GRAPH) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'run', graph, '--json', '--workers', '1', '--cache-dir', cacheDir], {
    env: { ...process.env, NODE_DEBUG: 'module' },
    timeout: 60_000,
    maxBuffer: 64 * 2 ** 20,
  })
  const loaded = [...stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((m) => m[1])
  const packages = new Set(loaded.map((file) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean))
  const report = JSON.parse(stdout.trim().split('\n').pop()!) as { ran: number; cached: number }
  return { packages, report }
}

describe('CLI start-up: what a run loads', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlcanvas-start-up-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('loads tfjs when a node runs, and neither tfjs nor the servers when every node comes from the cache', async () => {
    const cold = await run(join(dir, 'cache'))
    expect(cold.report).toMatchObject({ ran: 7, cached: 0 })
    expect(cold.packages).toContain('@tensorflow/tfjs-core')
    const warm = await run(join(dir, 'cache'))
    expect(warm.report).toMatchObject({ ran: 0, cached: 7 })
    expect([...warm.packages].filter((p) => /^(@tensorflow\/|fastify$|prom-client$)/.test(p!))).toEqual([])
  }, 60_000)

  it('requires papaparse (a CSV file read) and ml-matrix (PCA) when their node runs, and not when it comes from the cache', async () => {
    for (const [example, nodes, pkg] of [['cleaning-showcase', 13, 'papaparse'], ['iris-embeddings', 6, 'ml-matrix']] as const) {
      const cache = join(dir, example)
      const cold = await run(cache, resolve('examples', `${example}.json`))
      expect({ pkg, ran: cold.report.ran, loaded: cold.packages.has(pkg) }).toEqual({ pkg, ran: nodes, loaded: true })
      const warm = await run(cache, resolve('examples', `${example}.json`))
      expect({ pkg, cached: warm.report.cached, loaded: warm.packages.has(pkg) }).toEqual({ pkg, cached: nodes, loaded: false })
    }
  }, 90_000)
})
