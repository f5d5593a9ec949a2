import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface AccessOptions {
  /** Origins (scheme://host[:port]) whose pages may call the bridge; none: no browser page may. */
  origins: readonly string[]
  /** When set, every request but a CORS preflight and /health carries `Authorization: Bearer <token>`. */
  token?: string
}

const ALLOW_HEADERS = 'authorization, content-type'
const ALLOW_METHODS = 'GET, HEAD, PUT, POST, DELETE, OPTIONS'

/** The CORS headers a response to `origin` carries (none for an origin not configured). */
export function corsHeaders(origin: string | undefined, opts: AccessOptions): Record<string, string> {
  if (!origin || !opts.origins.includes(origin)) return {}
  return { 'access-control-allow-origin': origin, vary: 'Origin' }
}

/**
 * CORS limited to the configured origins and the optional bearer token, checked before any route:
 * a page from another origin gets 403 (a browser would hide the answer anyway, but the request
 * must not act), a missing or wrong token 401.
 */
export function guard(app: FastifyInstance, opts: AccessOptions): void {
  const expected = opts.token === undefined ? undefined : Buffer.from(`Bearer ${opts.token}`)
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin
    if (origin !== undefined && !opts.origins.includes(origin)) {
      return reply.code(403).send({ error: `Origin ${origin} may not use this bridge; start it with --allow-origin ${origin}.` })
    }
    reply.headers(corsHeaders(origin, opts))
    if (req.method === 'OPTIONS') {
      return reply.code(204).headers({ 'access-control-allow-methods': ALLOW_METHODS, 'access-control-allow-headers': ALLOW_HEADERS, 'access-control-max-age': '600' }).send()
    }
    if (!expected || req.url === '/health') return
    const given = Buffer.from(req.headers.authorization ?? '')
    if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: 'This bridge needs Authorization: Bearer <token> (the token it was started with).' })
    }
  })
}
