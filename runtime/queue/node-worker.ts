import { hostname } from 'node:os'
import type { Job, Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { NodeCache } from '../cache/node-cache'
import type { NodeEvent } from '../exec/events'
import type { Registry } from '../registry'
import { CANCEL_CHANNEL, connectRedis, DEAD_QUEUE, NODE_QUEUE } from './connection'
import type { JobProgressData } from './job-waits'
import { PermanentJobError, runNodeJob, type NodeJobData, type NodeJobResult } from './node-job'

export interface NodeWorkerOptions {
  url: string
  registry: Registry
  cache: NodeCache
  backend: string
  /** Jobs this process runs at once (async nodes interleave on one thread). */
  concurrency?: number
  /** How long a job's lock lasts without renewal: a worker silent this long is presumed dead and its job re-queued. */
  lockMs?: number
  /** Called once per settled job, for the worker's log. */
  log?(line: string): void
}

/** A job that a dead-letter entry records: what failed and why, for people to look at. */
export interface DeadLetter extends NodeJobData {
  error: string
  attempts: number
  worker: string
  failedAt: number
}

/** Progress is sent at most this often per job (a Redis round trip each); log lines always go. */
const PROGRESS_EVERY_MS = 200

/**
 * A BullMQ worker over node jobs: runs each with the shared cache, streams progress through job
 * progress, stops a job when a run cancels it, and copies jobs that failed for good (every
 * attempt, or an error no retry can fix) to the dead-letter queue. Locks are renewed while a
 * job runs; a worker that dies stops renewing and BullMQ's stalled-job check re-queues its job.
 */
export class NodeWorker {
  private constructor(
    readonly name: string,
    private readonly worker: Worker<NodeJobData, NodeJobResult>,
    private readonly dead: Queue<DeadLetter>,
    /** The worker's connection and the cancel subscriber: BullMQ leaves given connections open. */
    private readonly connections: Redis[],
  ) {}

  static async start(opts: NodeWorkerOptions): Promise<NodeWorker> {
    const bullmq = await import('bullmq')
    const { Queue, Worker, UnrecoverableError } = bullmq
    const connection = await connectRedis(opts.url)
    const subscriber = await connectRedis(opts.url)
    const dead = new Queue<DeadLetter>(DEAD_QUEUE, { connection })
    const name = `${hostname()}:${process.pid}`
    const lockDuration = opts.lockMs ?? 30_000
    const worker = new Worker<NodeJobData, NodeJobResult>(NODE_QUEUE, (job, _token, signal) => processJob(bullmq, job, opts, name, signal), {
      connection,
      concurrency: opts.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      maxStalledCount: 1,
      autorun: false,
      // Recorded on each job as processedBy: which worker holds it.
      name,
    })
    worker.on('failed', (job, error) => {
      if (!job || error.message === 'cancelled') return
      const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
      opts.log?.(`✗ ${job.data.nodeId} (${job.data.recipe.type}) ${job.id} attempt ${job.attemptsMade}: ${error.message}${final ? ' (dead letter)' : ''}`)
      if (final) {
        const letter = { ...job.data, error: error.message, attempts: job.attemptsMade, worker: name, failedAt: Date.now() }
        void dead.add('dead', letter, { jobId: `${job.id}-${Date.now()}` }).catch(() => undefined)
      }
    })
    worker.on('completed', (job, result) => {
      opts.log?.(`${result.reason === 'cached' ? '=' : '✓'} ${job.data.nodeId} (${job.data.recipe.type}) ${job.id} ${result.reason} in ${Math.round(result.ms)} ms`)
    })
    await subscriber.subscribe(CANCEL_CHANNEL)
    subscriber.on('message', (_channel, jobId: string) => worker.cancelJob(jobId, 'cancelled'))
    void worker.run()
    await worker.waitUntilReady()
    return new NodeWorker(name, worker, dead, [connection, subscriber])
  }

  /** Stops taking jobs and waits for the running ones to finish (`force`: abandons them to other workers). */
  async close(force = false): Promise<void> {
    await this.worker.close(force)
    await this.dead.close()
    for (const c of this.connections) c.disconnect()
  }
}

async function processJob(bullmq: typeof import('bullmq'), job: Job<NodeJobData, NodeJobResult>, opts: NodeWorkerOptions, worker: string, signal?: AbortSignal) {
  let sent = 0
  const emit = (e: NodeEvent) => {
    if (e.type !== 'progress') return
    const now = Date.now()
    const isLog = Number.isNaN(e.fraction)
    if (!isLog && now - sent < PROGRESS_EVERY_MS) return
    sent = now
    const data: JobProgressData = { fraction: isLog ? null : e.fraction, message: e.message, data: e.data }
    void job.updateProgress(data as unknown as object).catch(() => undefined)
  }
  emit({ type: 'progress', nodeId: job.data.nodeId, fraction: NaN, message: `on worker ${worker}` })
  const host = { registry: opts.registry, cache: opts.cache, backend: opts.backend, worker, signal: signal ?? new AbortController().signal, emit }
  try {
    return await runNodeJob(job.data, host)
  } catch (e) {
    // A cancelled job is not retried: the run that wanted it is gone.
    if (signal?.aborted) throw new bullmq.UnrecoverableError('cancelled')
    if (e instanceof PermanentJobError) throw new bullmq.UnrecoverableError(e.message)
    throw e
  }
}
