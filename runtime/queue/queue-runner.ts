import { setMaxListeners } from 'node:events'
import type { Job, Queue, QueueEvents } from 'bullmq'
import type { Redis } from 'ioredis'
import type { NodeCache } from '../cache/node-cache'
import { Cancelled, type NodeResult, type RunnerEnv } from '../exec/node-runner'
import { inProcessRunner, type NodeRunner, type RunTask } from '../exec/runner'
import { CANCEL_CHANNEL, connectRedis, NODE_QUEUE } from './connection'
import { runsAnywhere, settledResult, type NodeJobData, type NodeJobResult } from './node-job'
import { JobWaits, type JobOutcome, type JobProgressData } from './job-waits'

export interface QueueRunnerOptions {
  /** Tries per node before it goes to the dead-letter queue (BullMQ `attempts`). */
  attempts?: number
  /** First retry delay; each next one doubles (BullMQ exponential backoff). */
  backoffMs?: number
  /** How often a wait re-reads its job's state, in case an event was missed. */
  pollMs?: number
  /** Where the nodes that must stay in this process run (default: this thread). */
  local?: NodeRunner
  /**
   * Nested runs (trials, folds) a node may queue at once; TPE proposes batches this wide.
   * Default: the workers serving the queue when the run starts (at least 1).
   */
  capacity?: number
}

/**
 * Runs nodes as BullMQ jobs on `pipeline worker` processes sharing this run's cache. The job id
 * is the node's cache key, so a key already queued (by this run or another) is waited on, not
 * queued twice. Nodes that only this process can run stay here: nodes that read the graph's
 * files, host-only nodes (those that run nested runs: their nested nodes are queued in turn),
 * volatile ones, and nodes whose key is not their recipe's hash (a nested run's stand-in values). Progress comes back through queue events; cancelling the run removes waiting jobs and
 * asks workers to stop active ones.
 */
export class QueueRunner implements NodeRunner {
  /** How many nodes went to workers, and how many of those an earlier request had already queued. */
  readonly counts = { queued: 0, joined: 0, here: 0 }

  private readonly waits: JobWaits
  /** Keys this process has queued or joined and still waits on: a second node with the key only waits. */
  private readonly pending = new Set<string>()

  static async open(url: string, cache: NodeCache, opts: QueueRunnerOptions = {}): Promise<QueueRunner> {
    if (!cache.store) throw new Error('Running on a queue needs a shared cache (--cache-dir on a shared volume, or --cache-url).')
    const { Queue, QueueEvents } = await import('bullmq')
    const publisher = await connectRedis(url)
    const queue = new Queue<NodeJobData, NodeJobResult>(NODE_QUEUE, { connection: publisher })
    const listener = await connectRedis(url)
    const events = new QueueEvents(NODE_QUEUE, { connection: listener })
    await events.waitUntilReady()
    const capacity = opts.capacity ?? Math.max(1, await queue.getWorkersCount())
    const full = { attempts: opts.attempts ?? 3, backoffMs: opts.backoffMs ?? 1000, pollMs: opts.pollMs ?? 2000, local: opts.local ?? inProcessRunner, capacity }
    return new QueueRunner(cache, queue, events, [publisher, listener], full)
  }

  private constructor(
    private readonly cache: NodeCache,
    private readonly queue: Queue<NodeJobData, NodeJobResult>,
    private readonly events: QueueEvents,
    /** The publisher (queue commands, cancel messages) and the events listener: BullMQ leaves given connections open. */
    private readonly connections: [Redis, Redis],
    private readonly opts: Required<QueueRunnerOptions>,
  ) {
    this.waits = new JobWaits(events, (key) => void this.check(key))
  }

  get capacity(): number {
    return this.opts.capacity
  }

  /** Nodes that run on a worker get no inputs from the executor and hand back no outputs: both stay in the shared cache. */
  elsewhere(task: Omit<RunTask, 'inputs'>): boolean {
    return runsAnywhere(task)
  }

  async run(task: RunTask, env: RunnerEnv): Promise<NodeResult> {
    // Every node of a run waits on the run's one signal: many listeners are expected.
    setMaxListeners(0, env.signal)
    if (!this.elsewhere(task)) {
      this.counts.here += 1
      return this.opts.local.run(task, env)
    }
    const { key } = task.key
    const wait = this.watch(key, (p) => env.emit(progressEvent(task.node.id, p)))
    const abort = () => void this.cancel(key)
    env.signal.addEventListener('abort', abort, { once: true })
    try {
      const data = { key, recipe: task.key.recipe, nodeId: task.node.id }
      const poll = setInterval(() => void this.check(data), this.opts.pollMs)
      const first = !this.pending.has(key)
      try {
        if (first) {
          this.pending.add(key)
          await this.submit(data)
        } else this.counts.joined += 1
        const done = await Promise.race([wait.result, cancelled(env.signal)])
        return await this.result(task, env, done)
      } finally {
        clearInterval(poll)
        if (first) this.pending.delete(key)
      }
    } finally {
      env.signal.removeEventListener('abort', abort)
      wait.stop()
    }
  }

  /**
   * Queues the job unless the same key is already waiting or running; a finished job whose entry
   * is gone is asked again. Says which (the bridge answers a browser's request with it).
   */
  async submit(data: NodeJobData): Promise<'queued' | 'joined' | 'done'> {
    const existing = await this.queue.getJob(data.key)
    const state = existing ? await existing.getState() : 'missing'
    if (state === 'completed' && (await this.cache.check(data.key)).status === 'hit') {
      this.waits.settle(data.key, await this.completed(data.key, existing!))
      return 'done'
    }
    if (state === 'completed' || state === 'failed') await existing!.remove().catch(() => undefined)
    else if (state !== 'missing' && state !== 'unknown') {
      this.counts.joined += 1
      return 'joined'
    }
    this.counts.queued += 1
    await this.queue.add('node', data, {
      jobId: data.key,
      attempts: this.opts.attempts,
      backoff: { type: 'exponential', delay: this.opts.backoffMs },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    })
    return 'queued'
  }

  /**
   * Settles a wait from the job's state when its event was missed; queues the job again when it
   * vanished without a result (another run that shared it was cancelled).
   */
  async check(data: NodeJobData | string): Promise<void> {
    const key = typeof data === 'string' ? data : data.key
    const job = await this.queue.getJob(key).catch(() => undefined)
    const state = job ? await job.getState().catch(() => 'unknown') : 'missing'
    if (state === 'completed') this.waits.settle(key, await this.completed(key, job!))
    else if (state === 'failed') this.waits.settle(key, { ok: false, message: job!.failedReason })
    else if (state === 'missing') {
      const info = await this.cache.info(key)
      if (info) this.waits.settle(key, { ok: true, value: { summary: info.summary, ms: info.ms, reason: 'cached', worker: '' } })
      else if (typeof data !== 'string') await this.submit(data)
    }
  }

  /**
   * What a worker reported; its outputs stay in the shared cache (their header is checked here),
   * decoded in this process only if a node that runs here needs them.
   */
  private async result(task: RunTask, env: RunnerEnv, done: JobOutcome): Promise<NodeResult> {
    if (!done.ok) throw new Error(done.message)
    if ((await this.cache.check(task.key.key)).status !== 'hit') {
      throw new Error(`Node "${task.node.id}" finished on a worker, but its result is not in the shared cache.`)
    }
    return settledResult(task.node.id, done.value, env)
  }

  /**
   * A completed job's result. A job read while it ran and found completed after has no return
   * value yet: read it again, else take the facts from the shared cache.
   */
  private async completed(key: string, job: Job<NodeJobData, NodeJobResult>): Promise<JobOutcome> {
    const value = job.returnvalue ?? (await this.queue.getJob(key).catch(() => undefined))?.returnvalue
    if (value) return { ok: true, value }
    const info = await this.cache.info(key)
    if (!info) return { ok: false, message: `Job ${key} completed, but its result is not in the shared cache.` }
    return { ok: true, value: { summary: info.summary, ms: info.ms, reason: 'queued', worker: '' } }
  }

  /** Follows a job's progress and outcome (start before submitting, so no event is missed). */
  watch(key: string, progress: (p: JobProgressData) => void): ReturnType<JobWaits['watch']> {
    return this.waits.watch(key, progress)
  }

  /** The job's latest progress (what its worker last sent), if it has any. */
  async latestProgress(key: string): Promise<JobProgressData | undefined> {
    const progress = (await this.queue.getJob(key).catch(() => undefined))?.progress
    return typeof progress === 'object' && progress !== null ? (progress as JobProgressData) : undefined
  }

  /** `pipeline worker` processes serving the queue now. */
  workers(): Promise<number> {
    return this.queue.getWorkersCount()
  }

  /** Whether the queue holds a job with this key (in any state), or the shared cache its result. */
  async knows(key: string): Promise<boolean> {
    if (await this.queue.getJob(key).catch(() => undefined)) return true
    return (await this.cache.check(key)).status === 'hit'
  }

  /** Removes a job still waiting; asks the worker running it to stop. */
  async cancel(key: string): Promise<void> {
    const job: Job | undefined = await this.queue.getJob(key).catch(() => undefined)
    const state = job ? await job.getState().catch(() => 'unknown') : 'missing'
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await job!.remove().catch(() => undefined)
    else if (state === 'active') await this.connections[0].publish(CANCEL_CHANNEL, key)
  }

  async close(): Promise<void> {
    await this.queue.close()
    // Disconnecting first ends the listener's blocking read at once (BullMQ would wait out its 10 s block).
    for (const c of this.connections) c.disconnect()
    await this.events.close()
  }
}

function progressEvent(nodeId: string, p: JobProgressData) {
  return { type: 'progress' as const, nodeId, fraction: p.fraction ?? NaN, message: p.message, data: p.data }
}

/** Rejects with Cancelled when the run is cancelled. */
function cancelled(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Cancelled())
    signal.addEventListener('abort', () => reject(new Cancelled()), { once: true })
  })
}

