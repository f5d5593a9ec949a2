import { expect } from 'vitest'
import type { PersistentStore } from '../../../runtime/cache/types'
import { encodeValue } from '../../../runtime/values/codec'

export const info = { summary: { rows: 1 }, ms: 5, bytes: 0, createdAt: 0 }
export const key = (n: number) => n.toString(16).padStart(32, '0')

/** What every persistent tier must do: entries, facts and run records round-trip; clear empties it. */
export async function checkRoundTrip(store: PersistentStore): Promise<void> {
  const enc = await encodeValue({ v: new Float32Array([1, 2, 3]) })
  await store.write(key(1), enc, { ...info, bytes: enc.bytes })
  const back = await store.read(key(1))
  expect(back?.value.checksum).toBe(enc.checksum)
  expect(Array.from(new Float32Array(back!.value.buffers[0].slice().buffer))).toEqual([1, 2, 3])
  expect((await store.info(key(1)))?.summary).toEqual({ rows: 1 })
  expect(await store.read(key(2))).toBeUndefined()
  expect(await store.info(key(2))).toBeUndefined()
  const record = { key: key(1), recipe: { type: 't', version: 1, params: { a: 1 }, inputs: {}, files: {} } }
  await store.putRecord('/g.json', 'n1', record)
  expect(await store.getRecord('/g.json', 'n1')).toEqual(record)
  expect(await store.getRecord('/other.json', 'n1')).toBeUndefined()
  expect((await store.stats()).entries).toBe(1)
  await store.clear()
  expect((await store.stats()).entries).toBe(0)
  expect(await store.getRecord('/g.json', 'n1')).toBeUndefined()
}

/**
 * Two stores over the same shared location (two workers) write the same keys at once, each
 * reading back between writes: every read is a whole, verified entry, and once one has
 * published a key the other finds it.
 */
export async function checkSharedWriters(a: PersistentStore, b: PersistentStore): Promise<void> {
  const big = await encodeValue({ v: new Float64Array(64 * 1024).map((_, i) => i) }) // 512 KB
  const write = (s: PersistentStore, n: number) => s.write(key(n), big, { ...info, ms: n, bytes: big.bytes })
  const readBack = async (s: PersistentStore, n: number) => {
    const got = await s.read(key(n))
    if (got) expect(got.value.checksum).toBe(big.checksum)
    return got !== undefined
  }
  await Promise.all(
    Array.from({ length: 8 }, async (_, n) => {
      await Promise.all([write(a, n), readBack(b, n), write(b, n), readBack(a, n)])
      expect(await readBack(a, n)).toBe(true)
      expect(await readBack(b, n)).toBe(true)
    }),
  )
  await write(a, 100)
  expect((await b.info(key(100)))?.ms).toBe(100)
}
