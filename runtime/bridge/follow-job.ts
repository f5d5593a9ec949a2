import { Cancelled, type RunnerEnv } from '../exec/node-runner'
import type { NodeJobResult } from '../queue/node-job'
import { BridgeError, type BridgeClient } from './bridge-client'

/** What following a job ends with. `withdrawn`: another run's cancel removed it before it ran; queue it again. */
export type Followed = { done: NodeJobResult } | { withdrawn: true }

/**
 * Waits before each new try of a stream that broke (the bridge restarting, a proxy dropping an idle
 * connection): ≈ 8 s in all, after which the node fails saying the bridge stopped answering.
 */
const RECONNECT_MS = [250, 500, 1000, 2000, 4000]

/** One reading of the event stream: how it ended, or why it broke. */
type Read = Followed | { failed: string } | { lost: string }

/**
 * Follows a job on the bridge: its progress passed on as node `nodeId`'s, then its outcome. A stream
 * that breaks is opened again (the bridge replays the latest progress, and the job goes on on the
 * workers meanwhile); a cancel of the run withdraws the job.
 */
export async function followJob(client: BridgeClient, key: string, nodeId: string, env: RunnerEnv): Promise<Followed> {
  const stream = new AbortController()
  const abort = () => stream.abort()
  env.signal.addEventListener('abort', abort, { once: true })
  try {
    return await reconnecting(client, key, nodeId, env, stream.signal)
  } catch (e) {
    if (!env.signal.aborted) throw e
  } finally {
    env.signal.removeEventListener('abort', abort)
  }
  await client.cancelJob(key).catch(() => undefined)
  throw new Cancelled()
}

/** Reads the stream, opening it again while it breaks, up to RECONNECT_MS. */
async function reconnecting(client: BridgeClient, key: string, nodeId: string, env: RunnerEnv, signal: AbortSignal): Promise<Followed> {
  for (let tries = 0; ; tries++) {
    const read = await readOnce(client, key, nodeId, env, signal)
    if (signal.aborted) throw new Cancelled()
    // Said as the queue's failure (a worker of another release, or the node failing there), so the editor can offer to run it here.
    if ('failed' in read) throw new BridgeError(`The remote queue's worker failed node "${nodeId}": ${read.failed}`)
    if (!('lost' in read)) return read
    if (tries === RECONNECT_MS.length) {
      throw new BridgeError(
        `The remote queue at ${client.url} stopped answering while node "${nodeId}" ran (${read.lost}). Its job goes on on the workers: run again once the bridge is back to pick up its result, or clear "Remote queue" in Cache and workers to run on this machine.`,
        true,
      )
    }
    env.emit({ type: 'progress', nodeId, fraction: NaN, message: `lost the remote queue (${read.lost}): trying again` })
    await pause(RECONNECT_MS[tries], signal)
  }
}

async function readOnce(client: BridgeClient, key: string, nodeId: string, env: RunnerEnv, signal: AbortSignal): Promise<Read> {
  try {
    const events = await client.events(key, signal)
    // No such job right after it was posted (or after a reconnect): withdrawn meanwhile.
    if (!events) return { withdrawn: true }
    for await (const e of events) {
      if (e.event === 'done') return { done: e.data }
      if (e.event === 'failed') return e.data.withdrawn ? { withdrawn: true } : { failed: e.data.message }
      env.emit({ type: 'progress', nodeId, fraction: e.data.fraction ?? NaN, message: e.data.message, data: e.data.data })
    }
    return { lost: 'it closed the event stream' }
  } catch (e) {
    if (signal.aborted || (e instanceof BridgeError && !e.unreachable)) throw e
    return { lost: e instanceof BridgeError ? 'it cannot be reached' : (e as Error).message }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true })
  })
}
