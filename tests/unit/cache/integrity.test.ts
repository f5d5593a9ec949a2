import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { copyFile, mkdtemp, readFile, readdir, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import { IdbStore } from '../../../runtime/cache/idb-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { runGraph } from '../../../runtime/exec/executor'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const doc = graph([['a', 'test.const', { value: 0.9556 }], ['b', 'test.add', { offset: 1 }]], ['a.out->b.a'])
const keyOfA = computeKeys(doc, registry).get('a')!.key
const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-integrity-'))

/** The path of every entry file in a cache directory. */
async function entryFiles(dir: string): Promise<string[]> {
  const root = join(dir, 'entries')
  const files: string[] = []
  for (const folder of await readdir(root)) {
    for (const f of await readdir(join(root, folder))) if (f.endsWith('.bin')) files.push(join(root, folder, f))
  }
  return files
}

/** Runs the graph once, damages the cache with `damage`, and runs it again in a "new process". */
/** `b` is forced, so `a`'s value is read back, not only its facts. */
async function rerunAfter(damage: (dir: string) => Promise<void>) {
  const dir = await tempDir()
  await runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g' })
  await damage(dir)
  return runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g', force: ['b'] })
}

/** Every node is either a trustworthy hit or re-ran because its entry was unreadable: never wrong. */
function expectNothingWrong(report: Awaited<ReturnType<typeof runGraph>>) {
  for (const [id, value] of [['a', 0.9556], ['b', 1.9556]] as const) {
    const n = report.nodes[id]
    expect(n.summary).toEqual({ value })
    if (n.status !== 'cached') expect(n).toMatchObject({ status: 'ran' })
  }
}

describe('directory cache integrity', () => {
  it('a changed digit in an entry\'s facts is an unreadable entry, not a wrong cached metric', async () => {
    const report = await rerunAfter(async (dir) => {
      for (const file of await entryFiles(dir)) {
        const text = (await readFile(file)).toString('latin1')
        await writeFile(file, Buffer.from(text.replace('"value":0.9556', '"value":0.9456'), 'latin1'))
      }
    })
    expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry', summary: { value: 0.9556 } })
    expect(report.nodes.b).toMatchObject({ status: 'ran', reason: 'forced', summary: { value: 1.9556 } })
  })

  it('an entry copied over another key\'s file is unreadable', async () => {
    const report = await rerunAfter(async (dir) => {
      const files = await entryFiles(dir)
      const a = files.find((f) => f.includes(keyOfA))!
      await copyFile(files.find((f) => f !== a)!, a)
    })
    expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry' })
    expectNothingWrong(report)
  })

  it('byte flips anywhere in an entry never give a wrong value', async () => {
    const dir = await tempDir()
    await runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g' })
    const file = (await entryFiles(dir)).find((f) => f.includes(keyOfA))!
    const original = await readFile(file)
    let unreadable = 0
    for (let i = 0; i < original.byteLength; i += Math.max(1, Math.floor(original.byteLength / 40))) {
      const flipped = Buffer.from(original)
      flipped[i] ^= 1 << i % 8
      await writeFile(file, flipped)
      const report = await runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }), scope: 'g', force: ['b'] })
      expectNothingWrong(report)
      if (Object.values(report.nodes).some((n) => n.reason === 'unreadable cache entry')) unreadable += 1
      await writeFile(file, original)
    }
    // Only alignment padding is outside every check; everything else is caught.
    expect(unreadable).toBeGreaterThan(30)
  })

  it('truncated and zero-filled entries are unreadable', async () => {
    for (const damage of [
      async (f: string) => truncate(f, 0),
      async (f: string) => truncate(f, 40),
      async (f: string) => truncate(f, Math.floor((await readFile(f)).byteLength * 0.6)),
      async (f: string) => writeFile(f, Buffer.alloc((await readFile(f)).byteLength)),
    ]) {
      const report = await rerunAfter(async (dir) => {
        for (const f of await entryFiles(dir)) await damage(f)
      })
      expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry' })
      expectNothingWrong(report)
    }
  })
})

describe('IndexedDB cache integrity', () => {
  async function damagedRun(damage: (db: Dexie) => Promise<void>) {
    const name = `integrity-${Math.random()}`
    const store = new IdbStore(name)
    await runGraph({ doc, registry, cache: new NodeCache({ store }), scope: 'g' })
    store.close()
    const db = new Dexie(name)
    db.version(2).stores({ entries: 'key, lastUsed', blobs: 'key', records: 'id' })
    await damage(db)
    db.close()
    return runGraph({ doc, registry, cache: new NodeCache({ store: new IdbStore(name) }), scope: 'g', force: ['b'] })
  }

  it('a changed digit in an entry\'s facts is unreadable', async () => {
    const report = await damagedRun(async (db) => {
      await db.table('entries').toCollection().modify((row: { header: string }) => {
        row.header = row.header.replace('"value":0.9556', '"value":0.9456')
      })
    })
    expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry' })
    expectNothingWrong(report)
  })

  it('swapped entries and swapped payloads are unreadable', async () => {
    for (const table of ['entries', 'blobs']) {
      const report = await damagedRun(async (db) => {
        const rows = await db.table(table).toArray()
        await db.table(table).bulkPut([{ ...rows[1], key: rows[0].key }, { ...rows[0], key: rows[1].key }])
      })
      expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry' })
      expectNothingWrong(report)
    }
  })
})
