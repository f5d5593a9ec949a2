import 'fake-indexeddb/auto'
import { mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import { IdbStore } from '../../../runtime/cache/idb-store'
import { MemoryCache } from '../../../runtime/cache/memory-cache'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { PersistentStore } from '../../../runtime/cache/types'
import { runGraph } from '../../../runtime/exec/executor'
import { encodeValue } from '../../../runtime/values/codec'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'
import { checkRoundTrip, info, key } from './store-conformance'

const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-cache-'))

describe('MemoryCache', () => {
  it('evicts the least recently used entries past its byte budget', () => {
    const m = new MemoryCache(100)
    m.set('a', 1, info, 40)
    m.set('b', 2, info, 40)
    m.get('a')
    m.set('c', 3, info, 40)
    expect(m.get('b')).toBeUndefined()
    expect(m.get('a')?.value).toBe(1)
    expect(m.bytes).toBe(80)
    m.set('huge', 4, info, 1000)
    expect(m.get('huge')).toBeUndefined()
  })
})

const stores: [string, () => Promise<PersistentStore>, number][] = [
  ['DirStore', async () => new DirStore(await tempDir(), 5000), 5000],
  ['IdbStore', async () => new IdbStore(`test-${Math.random()}`, 5000), 5000],
]

describe.each(stores)('%s', (_name, make) => {
  it('round-trips entries, facts and run records', async () => {
    await checkRoundTrip(await make())
  })

  it('evicts least recently used entries past its size cap', async () => {
    const store = await make()
    const entry = async (n: number) => {
      const enc = await encodeValue({ v: new Float64Array(250).fill(n) }) // ~2 KB each
      await store.write(key(n), enc, { ...info, bytes: enc.bytes })
      await new Promise((r) => setTimeout(r, 5))
    }
    await entry(1)
    await entry(2)
    await store.read(key(1)) // 1 is now more recent than 2
    await new Promise((r) => setTimeout(r, 5))
    await entry(3)
    const stats = await store.stats()
    expect(stats.bytes).toBeLessThanOrEqual(5000)
    expect(await store.info(key(2))).toBeUndefined()
    expect(await store.info(key(1))).toBeDefined()
    expect(await store.info(key(3))).toBeDefined()
  })
})

describe('NodeCache with a damaged entry', () => {
  it('treats it as a miss, recomputes, and says why', async () => {
    const dir = await tempDir()
    const registry = testRegistry()
    const doc = graph([['a', 'test.const', { value: 4 }], ['b', 'test.add']], ['a.out->b.a'])
    await runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }) })
    // Damage every stored value file, then force b to run so it must read a.
    for (const folder of await readdir(join(dir, 'entries'))) {
      for (const f of await readdir(join(dir, 'entries', folder))) {
        if (f.endsWith('.bin')) await writeFile(join(dir, 'entries', folder, f), 'garbage')
      }
    }
    const report = await runGraph({ doc, registry, cache: new NodeCache({ store: new DirStore(dir) }), force: ['b'] })
    expect(report.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry' })
    expect(report.nodes.b).toMatchObject({ status: 'ran', summary: { value: 4 } })
  })
})
