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
