import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { PersistentStore } from '../cache/types'
import type { JobOutcome } from '../queue/job-waits'
import type { QueueRunner } from '../queue/queue-runner'
import { corsHeaders, type AccessOptions } from './access'
import { routeKey } from './entry-routes'
import { jobFromRequest, JobRequestError } from './job-request'
import type { JobAccepted, JobStreamEvent } from './protocol'

/** How often an event stream re-reads its job's state (an event may be missed) and sends a keep-alive. */
const POLL_MS = 1000

/**
 * `/jobs/:key`: queue a node job through the CLI's own QueueRunner (same job id, same dedup),
 * follow it as Server-Sent Events, cancel it.
 */
export function jobRoutes(app: FastifyInstance, jobs: QueueRunner, store: PersistentStore, access: AccessOptions): void {
  app.post('/jobs/:key', { bodyLimit: 1 << 20 }, async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    if (!req.headers['content-type']?.startsWith('application/json')) return reply.code(415).send({ error: 'A job is sent as application/json.' })
    try {
      const data = await jobFromRequest(key, req.body, store)
      const answer: JobAccepted = { state: await jobs.submit(data) }
      return reply.code(202).send(answer)
    } catch (e) {
      if (e instanceof JobRequestError) return reply.code(e.status).send({ error: e.message })
      throw e
    }
  })

  app.delete('/jobs/:key', async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    await jobs.cancel(key)
    return reply.code(202).send({ cancelled: key })
  })

  app.get('/jobs/:key/events', async (req, reply) => {
    const key = routeKey(req.params, reply)
    if (!key) return reply
    if (!(await jobs.knows(key))) return reply.code(404).send({ error: `No job ${key}: queue it with POST /jobs/${key} first.` })
    reply.hijack()
    streamJob(reply.raw, key, jobs, corsHeaders(req.headers.origin, access))
    return reply
  })
}

/**
 * Writes the job's progress, then its outcome, as an event stream; stops following when the client
 * goes. A new subscriber first gets the latest progress the job already made (sent before it
 * connected, or before a reconnect), unless a newer one arrives first.
 */
function streamJob(res: ServerResponse, key: string, jobs: QueueRunner, cors: Record<string, string>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...cors })
  let open = true
  let live = false
  const send = (e: JobStreamEvent) => open && res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`)
  const wait = jobs.watch(key, (data) => {
    live = true
    send({ event: 'progress', data })
  })
  void jobs.latestProgress(key).then((data) => data && !live && send({ event: 'progress', data }))
  const poll = setInterval(() => {
    res.write(': alive\n\n')
    void follow()
  }, POLL_MS)
  const follow = async () => {
    await jobs.check(key)
    // A job withdrawn by another run's cancel, with no result: the client queues it again.
    if (!(await jobs.knows(key))) finish({ ok: false, message: `Job ${key} was withdrawn before it finished.`, withdrawn: true })
  }
  const finish = (outcome: JobOutcome | { ok: false; message: string; withdrawn: true }) => {
    if (!open) return
    if (outcome.ok) send({ event: 'done', data: outcome.value })
    else send({ event: 'failed', data: { message: outcome.message, ...('withdrawn' in outcome ? { withdrawn: true } : {}) } })
    close()
  }
  const close = () => {
    clearInterval(poll)
    wait.stop()
    open = false
    res.end()
  }
  res.once('close', close)
  void wait.result.then(finish)
  void follow()
}
