import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { PersistentStore } from '../cache/types'
import type { QueueRunner } from '../queue/queue-runner'
import { guard, type AccessOptions } from './access'
import { entryRoutes } from './entry-routes'
import { jobRoutes } from './job-routes'
import { BRIDGE_PROTOCOL, type BridgeHealth } from './protocol'

export interface BridgeOptions extends AccessOptions {
  /** The largest cache entry an upload may carry, in bytes (413 beyond). */
  maxEntryBytes: number
}

/**
 * `pipeline bridge`: the editor's way onto the queue (a browser cannot speak Redis). Entries go
 * to and from the shared cache the workers use; jobs go through the CLI's QueueRunner. Every
 * request is untrusted: a bad key, body, type or size gets a 4xx with `{ error }`, and the
 * server keeps serving.
 */
export function buildBridge(jobs: QueueRunner, store: PersistentStore, opts: BridgeOptions): FastifyInstance {
  // Fastify refuses `__proto__` / `constructor.prototype` in JSON bodies with a 400 by default.
  const app = Fastify({ bodyLimit: 1 << 20, logger: false })
  app.setErrorHandler((error: FastifyError, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    void reply.code(status).send({ error: status === 500 ? `The bridge failed: ${error.message}` : error.message })
  })
  app.setNotFoundHandler((req, reply) => void reply.code(404).send({ error: `No route ${req.method} ${req.url.slice(0, 100)}.` }))
  guard(app, opts)
  app.get('/health', async (): Promise<BridgeHealth> => ({
    ok: true,
    protocol: BRIDGE_PROTOCOL,
    workers: await jobs.workers(),
    maxEntryBytes: opts.maxEntryBytes,
  }))
  entryRoutes(app, store, opts.maxEntryBytes)
  jobRoutes(app, jobs, store, opts)
  return app
}
