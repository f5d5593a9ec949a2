import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { PersistentStore } from '../../../runtime/cache/types'
import type { GraphEdge } from '../../../runtime/document/schema'
import { Materializer } from '../../../runtime/exec/materializer'
import type { NodeKey } from '../../../runtime/keys/cache-keys'

const recipe = { type: 'test.const', version: 1, params: {}, inputs: {}, files: {} }
const keyOf = (id: string): NodeKey => ({ key: id.padStart(32, '0'), recipe })
const edge = (from: string, port: string): GraphEdge => ({ id: `${from}-${port}`, from: { node: from, port }, to: { node: 'x', port } })

describe('Materializer', () => {
  it('hands over outputs of this run, decodes cache hits once, and recomputes misses saying why', async () => {
    const cache = new NodeCache()
    await cache.put(keyOf('a').key, { out: 1 }, { summary: {}, ms: 1 })
    const recomputed: string[] = []
    const m = new Materializer(cache, keyOf, async (id, reason) => {
      recomputed.push(`${id}: ${reason}`)
      return { out: 3 }
    })
    m.track('b', Promise.resolve({ out: 2, other: 9 }))
    const inputs = await m.inputs(new Map([['x', edge('a', 'out')], ['y', edge('b', 'out')], ['z', edge('c', 'out')]]))
    expect(inputs).toEqual({ x: 1, y: 2, z: 3 })
    await m.get('c')
    expect(recomputed).toEqual(['c: no cache entry'])
  })

  it('recomputes an entry the store cannot read, as an unreadable cache entry', async () => {
    const info = { summary: {}, ms: 1, bytes: 1, createdAt: 0 }
    const broken: PersistentStore = {
      info: async () => info,
      read: async () => ({ info, value: { meta: '{}', buffers: [], checksum: 'not-it', bytes: 2 } }),
      write: async () => undefined,
      delete: async () => undefined,
      stats: async () => ({ entries: 1, bytes: 1, capBytes: 1 }),
      clear: async () => undefined,
      getRecord: async () => undefined,
      putRecord: async () => undefined,
    }
    const reasons: string[] = []
    const m = new Materializer(new NodeCache({ store: broken }), keyOf, async (_id, reason) => {
      reasons.push(reason)
      return { out: 4 }
    })
    expect(await m.get('a')).toEqual({ out: 4 })
    expect(await m.get('a')).toEqual({ out: 4 })
    expect(reasons).toEqual(['unreadable cache entry'])
  })
})
