import type { Redis } from 'ioredis'
import { outboundSecureContext } from '../net/ca'
import { certificateRefusal } from '../net/certificate-error'

/** The BullMQ queue every node job goes through, and where jobs that keep failing end up. */
export const NODE_QUEUE = 'mlcanvas-nodes'
export const DEAD_QUEUE = 'mlcanvas-dead'
/** Pub/sub channel on which a run asks workers to stop a job it no longer needs (payload: the job id). */
export const CANCEL_CHANNEL = 'mlcanvas-nodes:cancel'

/** A queue address the user gave that cannot be used. */
export class QueueUrlError extends Error {}

/** Checks a `redis://[user:pass@]host:port[/db]` (or `rediss://` for TLS) address. */
export function checkQueueUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new QueueUrlError(`Queue address "${url}" is not a URL; expected redis://host:port.`)
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueUrlError(`Queue address "${url}" is not redis:// or rediss://.`)
  }
  if (!parsed.hostname) throw new QueueUrlError(`Queue address "${url}" names no host.`)
  return url
}

/**
 * A connected Redis client for BullMQ, or a sentence saying why the queue cannot be reached.
 * Commands wait through reconnects instead of failing after a few retries (BullMQ requires
 * maxRetriesPerRequest: null for workers' blocking reads). ioredis and BullMQ are loaded only
 * by the commands that use a queue: they add about a second to a process start.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const { Redis } = await import('ioredis')
  // rediss://: the CLI's CA list (runtime/net/ca.ts), when it differs from Node's default one.
  const secureContext = /^rediss:/i.test(checkQueueUrl(url)) ? await outboundSecureContext() : undefined
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, ...(secureContext && { tls: { secureContext } }) })
  // ioredis reports connection trouble as events; without a listener it prints each one.
  let last: Error | undefined
  redis.on('error', (e: Error) => (last = e))
  const timer = setTimeout(() => redis.disconnect(), timeoutMs)
  try {
    await redis.connect()
    await redis.ping()
  } catch (e) {
    redis.disconnect()
    const why = last ?? (e as Error)
    const refused = certificateRefusal(why, new URL(url).host)
    throw new QueueUrlError(`Cannot reach the queue at ${url}: ${refused?.message ?? `${why.message.replace(/\.$/, '')}.`}`)
  } finally {
    clearTimeout(timer)
  }
  return redis
}
