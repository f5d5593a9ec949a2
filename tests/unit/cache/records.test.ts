import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { RunReport } from '../../../runtime/exec/events'
import { runGraph } from '../../../runtime/exec/executor'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-records-'))

/** `width` independent slow nodes, each fed by its own constant: they all run at once. */
const wide = (width: number, steps: number) =>
  graph(
    Array.from({ length: width }, (_, i) => [
      [`c${i}`, 'test.const', { value: i }],
      [`s${i}`, 'test.slow', { steps }],
    ]).flat() as Parameters<typeof graph>[0],
    Array.from({ length: width }, (_, i) => `c${i}.out->s${i}.a` as const),
  )

describe('run records', () => {
  it('keeps every record when 8 nodes finish concurrently, so an edit says what changed', async () => {
    const dir = await tempDir()
    const first = await runGraph({ doc: wide(8, 2), registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g', concurrency: 8 })
    expect(first.ran).toBe(16)
    // A new process: only the directory remembers what ran.
    const edited = await runGraph({ doc: wide(8, 3), registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g', concurrency: 8 })
    for (let i = 0; i < 8; i++) {
      expect(edited.nodes[`c${i}`].status).toBe('cached')
      expect(edited.nodes[`s${i}`]).toMatchObject({ status: 'ran', reason: 'params changed: steps' })
    }
  })

  it('reads each record once per run: a node that ran writes its record without asking the store again', async () => {
    const store = new DirStore(await tempDir())
    let reads = 0
    const getRecord = store.getRecord.bind(store)
    store.getRecord = (scope, nodeId) => (reads++, getRecord(scope, nodeId))
    const doc = wide(3, 1)
    const first = await runGraph({ doc, registry, cache: new NodeCache({ store }), scope: 'g' })
    expect([first.ran, reads]).toEqual([6, 6])
    reads = 0
    const again = await runGraph({ doc: wide(3, 2), registry, cache: new NodeCache({ store }), scope: 'g' })
    expect([again.ran, again.cached, reads]).toEqual([3, 3, 6])
    expect(again.nodes.s0).toMatchObject({ status: 'ran', reason: 'params changed: steps' })
  })

  it("writes a node's entry and its record at once, and a failed entry write still fails the node", async () => {
    const store = new DirStore(await tempDir())
    const write = store.write.bind(store)
    const putRecord = store.putRecord.bind(store)
    let recordsStarted = 0
    const recordsAtWriteEnd: number[] = []
    let failNext = false
    store.putRecord = (scope, nodeId, record) => (recordsStarted++, putRecord(scope, nodeId, record))
    store.write = async (key, value, info) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      recordsAtWriteEnd.push(recordsStarted)
      if (failNext) throw new Error('disk full')
      return write(key, value, info)
    }
    const first = await runGraph({ doc: wide(1, 1), registry, cache: new NodeCache({ store }), scope: 'g' })
    expect(first.ran).toBe(2)
    // Each node's record was written while its entry was still being written (one after the other: 0, 1).
    expect(recordsAtWriteEnd).toEqual([1, 2])
    failNext = true
    const failed = await runGraph({ doc: wide(1, 2), registry, cache: new NodeCache({ store }), scope: 'g' })
    expect(failed.nodes.s0).toMatchObject({ status: 'error', error: 'disk full' })
    failNext = false
    // The record of the failed write names an entry the cache does not hold: the next run says so.
    const next = await runGraph({ doc: wide(1, 2), registry, cache: new NodeCache({ store }), scope: 'g' })
    expect(next.nodes.s0).toMatchObject({ status: 'ran', reason: 'no cache entry (evicted or cleared)' })
  })

  it('keeps records per graph and per node id, whatever characters they contain', async () => {
    const store = new DirStore(await tempDir())
    const record = (key: string) => ({ key, recipe: { type: 't', version: 1, params: {}, inputs: {}, files: {} } })
    await Promise.all([
      store.putRecord('/a/g.json', '__proto__', record('1'.repeat(32))),
      store.putRecord('/a/g.json', '../../x', record('2'.repeat(32))),
      store.putRecord('/b/g.json', '__proto__', record('3'.repeat(32))),
    ])
    expect((await store.getRecord('/a/g.json', '__proto__'))?.key).toBe('1'.repeat(32))
    expect((await store.getRecord('/a/g.json', '../../x'))?.key).toBe('2'.repeat(32))
    expect((await store.getRecord('/b/g.json', '__proto__'))?.key).toBe('3'.repeat(32))
    expect(await store.getRecord('/b/g.json', '../../x')).toBeUndefined()
  })

  it('keeps every record when two processes run on one cache directory', async () => {
    const dir = await tempDir()
    const cacheDir = join(dir, 'cache')
    const run = async (doc: ReturnType<typeof wide>, name: string) => {
      const path = join(dir, `${name}.json`)
      await writeFile(path, JSON.stringify(doc))
      const child = ['--import', 'tsx', 'tests/unit/cache/run-child.ts', path, cacheDir, 'shared-scope']
      const { stdout } = await promisify(execFile)(process.execPath, child, { cwd: process.cwd() })
      return JSON.parse(stdout) as RunReport
    }
    const [a, b] = await Promise.all([run(wide(12, 1), 'a'), run(wide(12, 1), 'b')])
    expect(a.ran + a.cached).toBe(24)
    expect(b.ran + b.cached).toBe(24)
    const edited = await runGraph({ doc: wide(12, 2), registry, cache: new NodeCache({ store: new DirStore(cacheDir) }), scope: 'shared-scope' })
    for (let i = 0; i < 12; i++) expect(edited.nodes[`s${i}`].reason).toBe('params changed: steps')
  })
})
