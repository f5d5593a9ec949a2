import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildBridge } from '../../../runtime/bridge/bridge-app'
import { BridgeClient } from '../../../runtime/bridge/bridge-client'
import type { JobStreamEvent } from '../../../runtime/bridge/protocol'
import type { PersistentStore } from '../../../runtime/cache/types'
import type { JobOutcome, JobProgressData } from '../../../runtime/queue/job-waits'
import type { QueueRunner } from '../../../runtime/queue/queue-runner'

const KEY = 'ab'.repeat(16)
let app: FastifyInstance | undefined

afterEach(async () => {
  await app?.close()
  app = undefined
})

/**
 * The QueueRunner calls the event route makes, for one job: it made `made` progress before anyone
 * listened, then sends nothing more and settles `after` ms after a subscriber starts watching.
 */
function oneJob(made: JobProgressData | undefined, outcome: JobOutcome, after = 50): QueueRunner {
  const jobs: Pick<QueueRunner, 'knows' | 'check' | 'latestProgress' | 'watch' | 'workers'> = {
    knows: async () => true,
    check: async () => undefined,
    latestProgress: async () => made,
    watch: () => ({ result: new Promise((settle) => setTimeout(() => settle(outcome), after)), stop: () => undefined }),
    workers: async () => 1,
  }
  return jobs as QueueRunner
}

async function eventsOf(jobs: QueueRunner): Promise<JobStreamEvent[]> {
  app = buildBridge(jobs, {} as PersistentStore, { origins: [], maxEntryBytes: 1 << 20 })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const events = await new BridgeClient({ url }).events(KEY, new AbortController().signal)
  const seen: JobStreamEvent[] = []
  for await (const e of events!) seen.push(e)
  return seen
}

describe('GET /jobs/:key/events', () => {
  it('first sends the progress a job made before the stream opened (a late subscriber, a reconnect)', async () => {
    const done = { summary: { accuracy: 0.9 }, ms: 40, reason: 'queued', worker: 'box:7' }
    const seen = await eventsOf(oneJob({ fraction: 0.3, message: 'epoch 3 / 10' }, { ok: true, value: done }))
    expect(seen).toEqual([
      { event: 'progress', data: { fraction: 0.3, message: 'epoch 3 / 10' } },
      { event: 'done', data: done },
    ])
  })

  it('sends only the outcome for a job that made no progress yet', async () => {
    const seen = await eventsOf(oneJob(undefined, { ok: false, message: 'boom' }))
    expect(seen).toEqual([{ event: 'failed', data: { message: 'boom' } }])
  })
})
