import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const LAUNCHER = resolve('runtime/cli/pipeline')
const BIN = resolve('runtime/cli/bin.mjs')
const CACHE = resolve('node_modules/.cache/mlcanvas-cli')
const BLOB = join(CACHE, 'snapshot.blob')
const GRAPH = resolve('examples/blobs-kmeans.json')
const exec = promisify(execFile)

interface Start {
  /** The `NODE_DEBUG=mlcanvas` lines that say which way the process started. */
  ways: string[]
  /** How many packages (tfjs) a snapshot start compiled from their code caches, by its `NODE_DEBUG=mlcanvas` line. */
  requiresCached?: number
  report: { ran: number; cached: number; nodes: Record<string, { worker?: number }> }
}

/** One CLI run of the example graph on `cacheDir`, through the launcher or bin.mjs as `npm run pipeline` did before it. */
async function run(how: 'launcher' | 'bin', cacheDir: string, command: string[] = [], graph = GRAPH, workers = '1'): Promise<Start> {
  const args = ['run', graph, '--json', '--workers', workers, '--cache-dir', cacheDir]
  const [file, argv] = command.length ? [command[0], [...command.slice(1), ...args]] : how === 'launcher' ? ['sh', [LAUNCHER, ...args]] : [process.execPath, [BIN, ...args]]
  const { stdout, stderr } = await exec(file, argv, { env: { ...process.env, NODE_DEBUG: 'mlcanvas' }, timeout: 120_000, maxBuffer: 16 * 2 ** 20 })
  const ways = [...stderr.matchAll(/^MLCANVAS \d+: start: (.+)$/gm)].map((m) => m[1])
  const requires = /^MLCANVAS \d+: packages required from their code cache: (\d+)$/m.exec(stderr)
  return { ways, requiresCached: requires ? Number(requires[1]) : undefined, report: JSON.parse(stdout.trim().split('\n').pop()!) }
}

const counts = (r: Start) => ({ ran: r.report.ran, cached: r.report.cached })

// The launcher builds into the checkout's own bundle folder: these tests run one after another.
describe('the CLI launcher (runtime/cli/pipeline) and its start-up snapshot', () => {
  let dir: string
  beforeAll(async () => {
    await mkdir(resolve('node_modules/.cache'), { recursive: true })
    dir = await mkdtemp(resolve('node_modules/.cache/launcher-test-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('without a snapshot runs through bin.mjs and builds one; the next start runs from it with the same cache keys', async () => {
    await run('bin', join(dir, 'warm-up'))
    await rm(BLOB, { force: true })
    const absent = await run('launcher', join(dir, 'a'))
    expect(absent.ways).toEqual(['built the snapshot', 'from the bundle'])
    expect(counts(absent)).toEqual({ ran: 7, cached: 0 })
    expect((await readFile(join(CACHE, 'snapshot.stamp'), 'utf8')).split('\n')[0]).toMatch(/\/node$/)

    // A cache filled by a plain start is all hits from the snapshot, and the other way round: same keys.
    const present = await run('launcher', join(dir, 'a'))
    expect(present.ways).toEqual(['from the snapshot'])
    expect(counts(present)).toEqual({ ran: 0, cached: 7 })
    await run('launcher', join(dir, 'b'))
    const plain = await run('bin', join(dir, 'b'))
    expect(plain.ways).toEqual(['from the bundle'])
    expect(counts(plain)).toEqual({ ran: 0, cached: 7 })
  }, 180_000)

  it('builds the snapshot again when the bundle is newer than it, and runs a moved snapshot through bin.mjs', async () => {
    const built = (await stat(join(CACHE, 'main.mjs'))).mtime
    await utimes(BLOB, built, new Date(built.getTime() - 60_000))
    const stale = await run('launcher', join(dir, 'c'))
    expect(stale.ways).toEqual(['built the snapshot', 'from the bundle'])
    expect((await stat(BLOB)).mtimeMs).toBeGreaterThan(built.getTime())

    // A blob beside another folder's bundle (as in a copied checkout) does not run its stale copy of it.
    const moved = join(dir, 'snapshot.blob')
    await copyFile(BLOB, moved)
    const flags = (await readFile(join(CACHE, 'snapshot.stamp'), 'utf8')).split('\n')[1].split(' ').filter(Boolean)
    const fromMoved = await run('launcher', join(dir, 'c'), [process.execPath, ...flags, '--snapshot-blob', moved])
    expect(fromMoved.ways).toEqual(['the snapshot is stale or was moved; running through bin.mjs', 'from the bundle'])
    expect(counts(fromMoved)).toEqual({ ran: 0, cached: 7 })
  }, 180_000)

  it('starts the network servers through bin.mjs, not from the snapshot with its string hash seed fixed at build', async () => {
    for (const command of ['serve', 'bridge']) {
      const started = await exec('sh', [LAUNCHER, command, '--no-such-option'], { env: { ...process.env, NODE_DEBUG: 'mlcanvas' }, timeout: 60_000 }).catch((e: { stderr: string; code: number }) => e)
      expect('code' in started && started.code).toBe(2)
      expect([...started.stderr.matchAll(/^MLCANVAS \d+: start: (.+)$/gm)].map((m) => m[1])).toEqual(['from the bundle'])
    }
  }, 120_000)

  it('from the snapshot, runs nodes on pool threads too, and compiles tfjs from its code caches', async () => {
    // Two training branches: the second training goes to a pool thread. A worker_threads module loaded
    // while the snapshot was built could start no thread, and every node ran on the main thread.
    const graph = resolve('tests/bench/graphs/two-branches.json')
    await run('launcher', join(dir, 'warm'), [], graph, '2')
    const two = await run('launcher', join(dir, 'd'), [], graph, '2')
    expect(two.ways).toEqual(['from the snapshot'])
    expect(Object.values(two.report.nodes).filter((n) => n.worker !== undefined).length).toBeGreaterThan(0)
    // tfjs-core, tfjs-layers and the wasm backend (the first run wrote their caches); a snapshot start compiled them every time.
    expect(two.requiresCached).toBeGreaterThanOrEqual(3)
  }, 180_000)
})
