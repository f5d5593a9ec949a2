import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DirStore } from '../../../runtime/cache/dir-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { hashString } from '../../../runtime/keys/hash'
import { decodeValue, encodeValue } from '../../../runtime/values/codec'
import { packValue, unpackValue } from '../../../runtime/values/pack'
import type { Figure, PartResult } from '../report'
import { median } from '../lib/stats'
import { numericTable } from './table'

/**
 * Write: NodeCache.put (encode, checksum, pack, write file, rename). Read: a new NodeCache
 * (empty memory tier) over the same directory, get (read, unpack, checksum, decode).
 * Reads come from the OS page cache right after the write, as a re-run would.
 */
async function throughput(dir: string, mb: number, repeats: number) {
  const value = numericTable(mb)
  const writes: number[] = []
  const reads: number[] = []
  for (let r = 0; r < repeats; r++) {
    const key = hashString(`bench-${mb}-${r}-${Date.now()}`)
    const store = new DirStore(dir)
    let t0 = performance.now()
    await new NodeCache({ store }).put(key, { data: value }, { summary: {}, ms: 0 })
    writes.push(performance.now() - t0)
    t0 = performance.now()
    const hit = await new NodeCache({ store: new DirStore(dir) }).get(key)
    reads.push(performance.now() - t0)
    if (hit.status !== 'hit') throw new Error(`cache read of the ${mb} MB table missed`)
    await store.delete(key)
  }
  return { writeMBps: mb / (median(writes) / 1000), readMBps: mb / (median(reads) / 1000), writes, reads }
}

/** Encode (codec + pack) and decode (unpack + codec) times of a value, e.g. a trained model. */
export async function codecTimes(value: unknown, repeats = 5) {
  const enc: number[] = []
  const dec: number[] = []
  let bytes = 0
  for (let r = 0; r < repeats; r++) {
    let t0 = performance.now()
    const packed = packValue(await encodeValue(value))
    enc.push(performance.now() - t0)
    bytes = packed.byteLength
    t0 = performance.now()
    await decodeValue(unpackValue(packed))
    dec.push(performance.now() - t0)
  }
  return { encodeMs: median(enc), decodeMs: median(dec), bytes }
}

export async function measureCacheIo(sizesMB: readonly number[], repeats: number): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cache-'))
  const figures: Figure[] = []
  const details: Record<string, unknown> = { dir: 'temporary directory (os.tmpdir())' }
  try {
    for (const mb of sizesMB) {
      const t = await throughput(dir, mb, repeats)
      const biggest = mb === Math.max(...sizesMB)
      figures.push(
        { key: biggest ? 'cacheWriteMBps' : `cacheWriteMBps${mb}`, label: `directory cache write, ${mb} MB table`, value: t.writeMBps, unit: 'MB/s' },
        { key: biggest ? 'cacheReadMBps' : `cacheReadMBps${mb}`, label: `directory cache read, ${mb} MB table`, value: t.readMBps, unit: 'MB/s' },
      )
      details[`${mb}MB`] = { writeMs: t.writes, readMs: t.reads }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return { figures, details }
}
