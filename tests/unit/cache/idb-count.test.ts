import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { IdbStore } from '../../../runtime/cache/idb-store'
import { encodeValue } from '../../../runtime/values/codec'
import { info, key } from './store-conformance'

async function write(store: IdbStore, n: number) {
  const enc = await encodeValue({ v: new Float64Array(250).map((_, i) => Math.sin(n * 1000 + i)) }) // 2 KB each
  await store.write(key(n), enc, { ...info, bytes: enc.bytes })
  return enc.bytes
}

describe('IdbStore size cap', () => {
  it('counts its entries once, not at every write, while under the cap', async () => {
    const store = new IdbStore(`count-${Math.random()}`, 1e9)
    const counts = vi.spyOn(store, 'stats')
    for (let n = 0; n < 30; n++) await write(store, n)
    expect(counts).toHaveBeenCalledTimes(1)
  })

  it("keeps the cap with two tabs writing: each counts before it evicts, which takes in the other's writes", async () => {
    const name = `tabs-${Math.random()}`
    const bytes = await write(new IdbStore(name, 1e9), 100)
    const cap = 5.5 * bytes
    const [mine, theirs] = [new IdbStore(name, cap), new IdbStore(name, cap)]
    await write(mine, 0) // counts 2 entries
    for (let n = 1; n <= 4; n++) await write(theirs, n) // counts, then evicts down to 5 entries
    expect((await theirs.stats()).entries).toBe(5)
    const counts = vi.spyOn(mine, 'stats')
    for (let n = 5; n <= 8; n++) await write(mine, n) // its own sum passes the cap at its 4th write
    expect(counts).toHaveBeenCalledTimes(1) // the count before evicting
    const stats = await mine.stats()
    expect(stats.bytes).toBeLessThanOrEqual(cap)
    expect(await mine.info(key(8))).toBeDefined()
  })
})

describe('IdbStore reads', () => {
  it('answer without waiting for the recency update, which still orders the next eviction', async () => {
    const bytes = await write(new IdbStore(`probe-${Math.random()}`, 1e9), 0)
    const store = new IdbStore(`reads-${Math.random()}`, 2.5 * bytes)
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5))
    await write(store, 1)
    await pause()
    await write(store, 2)
    await pause()
    expect(await store.read(key(1))).toBeDefined() // 1 is now more recent than 2, with no pause before the next write
    await write(store, 3)
    expect(await store.info(key(2))).toBeUndefined()
    expect(await store.info(key(1))).toBeDefined()
    // A recency update that never ends (a stalled write transaction) does not hold up the read.
    const entries = (store as unknown as { db: { entries: { update: () => Promise<number> } } }).db.entries
    entries.update = () => new Promise<number>(() => undefined)
    const read = await Promise.race([store.read(key(3)), pause().then(() => pause()).then(() => 'timed out')])
    expect(read).toMatchObject({ info: { bytes } })
  })
})
