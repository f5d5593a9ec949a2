import type { FastifyInstance, FastifyReply } from 'fastify'
import { packEntry, unpackEntry } from '../cache/entry-seal'
import type { PersistentStore } from '../cache/types'
import { KEY_RE } from './protocol'

const BYTES = 'application/octet-stream'

/** The key in a route's params, or a 400 sent (undefined). */
export function routeKey(params: unknown, reply: FastifyReply): string | undefined {
  const key = (params as { key?: unknown }).key
  if (typeof key === 'string' && KEY_RE.test(key)) return key
  void reply.code(400).send({ error: `"${String(key).slice(0, 80)}" is not a cache key (32 lowercase hex digits).` })
  return undefined
}

/**
 * `/entries/:key`: sealed cache entries, byte for byte as a store keeps them. An upload is
 * unpacked and its seal checked against the key before it is published (a damaged or mislabelled
 * entry is a 400, never stored); the store's own write is atomic.
 */
export function entryRoutes(app: FastifyInstance, store: PersistentStore, maxBytes: number): void {
  app.addContentTypeParser(BYTES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body))

  app.head('/entries/:key', async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    const info = await store.info(key).catch(() => undefined)
    return reply.code(info ? 200 : 404).send()
  })

  app.get('/entries/:key', async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    const entry = await store.read(key).catch(() => undefined)
    if (!entry) return reply.code(404).send({ error: `No usable cache entry ${key}.` })
    return reply.type(BYTES).send(Buffer.from(await packEntry(key, entry.value, entry.info)))
  })

  app.put('/entries/:key', { bodyLimit: maxBytes }, async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    if (!Buffer.isBuffer(req.body)) return reply.code(415).send({ error: `An entry is sent as ${BYTES}.` })
    const bytes = new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength)
    let opened: Awaited<ReturnType<typeof unpackEntry>>
    try {
      opened = await unpackEntry(bytes, key)
    } catch (e) {
      return reply.code(400).send({ error: `Not a sealed cache entry for ${key}: ${(e as Error).message}.` })
    }
    if (await store.info(key).catch(() => undefined)) return reply.code(200).send({ stored: false })
    await store.write(key, opened.value, opened.header.info)
    return reply.code(201).send({ stored: true })
  })
}
