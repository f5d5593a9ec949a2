import type { QueueEvents } from 'bullmq'
import type { NodeJobResult } from './node-job'

/** What a worker sends with job.updateProgress: a node's progress event, without its node id. */
export interface JobProgressData {
  /** null for a log line (a NaN fraction does not survive JSON). */
  fraction: number | null
  message?: string
  data?: Record<string, unknown>
}

export type JobOutcome = { ok: true; value: NodeJobResult } | { ok: false; message: string }

interface Waiter {
  settle(outcome: JobOutcome): void
  progress(p: JobProgressData): void
}

/**
 * The runs waiting on each job id, fed by one QueueEvents stream. Several waits may share a job
 * (two nodes, or two runs, with one key). A failed attempt that will be retried is reported as
 * progress; only the job's final state settles a wait.
 */
export class JobWaits {
  private readonly waiting = new Map<string, Set<Waiter>>()

  /** `recheck` reads a job's state and settles its waits when it is final (completed or failed). */
  constructor(events: QueueEvents, recheck: (jobId: string) => void) {
    events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, { ok: true, value: parse(returnvalue) }))
    events.on('progress', ({ jobId, data }) => {
      if (typeof data === 'object' && data) for (const w of this.waiting.get(jobId) ?? []) w.progress(data as JobProgressData)
    })
    events.on('failed', ({ jobId, failedReason }) => {
      if (!this.waiting.has(jobId)) return
      for (const w of this.waiting.get(jobId)!) w.progress({ fraction: null, message: `attempt failed: ${failedReason}` })
      recheck(jobId)
    })
  }

  /** Starts waiting on a job before it is queued, so no event can be missed. */
  watch(jobId: string, progress: (p: JobProgressData) => void): { result: Promise<JobOutcome>; stop(): void } {
    let settle!: (o: JobOutcome) => void
    const result = new Promise<JobOutcome>((resolve) => (settle = resolve))
    const waiter: Waiter = { settle, progress }
    let set = this.waiting.get(jobId)
    if (!set) this.waiting.set(jobId, (set = new Set()))
    set.add(waiter)
    return {
      result,
      stop: () => {
        set.delete(waiter)
        if (!set.size && this.waiting.get(jobId) === set) this.waiting.delete(jobId)
      },
    }
  }

  settle(jobId: string, outcome: JobOutcome): void {
    for (const w of this.waiting.get(jobId) ?? []) w.settle(outcome)
  }
}

/** Return values arrive as JSON text from some BullMQ versions and parsed from others. */
function parse(value: unknown): NodeJobResult {
  return (typeof value === 'string' ? JSON.parse(value) : value) as NodeJobResult
}
