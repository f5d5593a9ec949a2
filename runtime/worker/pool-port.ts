import type { FromWorker, PoolPort, ToWorker } from '../exec/pool/protocol'
import { WorkerPool } from '../exec/pool/worker-pool'

/**
 * The start of a browser pool worker's conversation, before the pool protocol: the worker says
 * it listens (a module worker drops messages that arrive before its listener exists), the host
 * names the backend, the worker answers once that backend runs.
 */
export type PoolHello = { kind: 'listening' } | { kind: 'started'; backend: string } | { kind: 'refused'; message: string }
export type PoolSetup = { kind: 'setup'; backend: string }

/** The part of a module `Worker` a pool port uses (a MessagePort pair stands in for it in tests). */
export interface WorkerHandle {
  post(message: ToWorker | PoolSetup): void
  onMessage(listener: (data: FromWorker | PoolHello) => void): void
  /** An error that escaped the worker, or a message it could not read. */
  onError(listener: (message: string) => void): void
  terminate(): void
}

/** A pool port that has a `started` promise: resolved with the backend once the worker can run nodes. */
export interface StartedPort extends PoolPort {
  started: Promise<string>
}

/**
 * One browser pool worker as a pool port. Messages posted before the worker listens wait here;
 * the worker runs the engine's backend (another one would give other numbers) or refuses. An
 * error escaping the worker ends it: the pool fails the node it ran and starts a fresh one.
 */
export function workerPort(worker: WorkerHandle, backend: string): StartedPort {
  let queue: ToWorker[] | undefined = []
  let onFail: (reason: string) => void = () => undefined
  let dead: string | undefined
  let onMessage: (m: FromWorker) => void = () => undefined
  let settle: { ok(b: string): void; fail(e: Error): void } = { ok: () => undefined, fail: () => undefined }
  const started = new Promise<string>((ok, fail) => (settle = { ok, fail }))
  started.catch(() => undefined) // a pool that never waits on it must not see an unhandled rejection
  const die = (reason: string) => {
    if (dead !== undefined) return
    dead = reason
    worker.terminate()
    settle.fail(new Error(reason))
    onFail(reason)
  }
  worker.onMessage((m) => {
    if (m.kind === 'listening') {
      worker.post({ kind: 'setup', backend })
      for (const q of queue ?? []) worker.post(q)
      queue = undefined
    } else if (m.kind === 'started') settle.ok(m.backend)
    else if (m.kind === 'refused') die(m.message)
    else onMessage(m)
  })
  worker.onError((message) => die(message))
  return {
    started,
    post(message) {
      if (queue) queue.push(message)
      else worker.post(message)
    },
    listen(message, fail) {
      onMessage = message
      onFail = fail
      if (dead !== undefined) fail(dead)
    },
    close() {
      dead ??= 'closed'
      worker.terminate()
    },
  }
}

/** A pool the engine runs nodes on; `close` stops its workers, `ready` settles once they all started or failed. */
export interface WarmPool {
  runner: WorkerPool
  ready: Promise<void>
  close(): void
}

/**
 * A WorkerPool of `size` workers that run every node but host-only ones (`offload`: this thread
 * keeps the cache and answers its caller), all started now: a browser worker takes a second or
 * so to load TensorFlow.js, which the first node would otherwise wait for. A worker that dies
 * is replaced by a fresh one when next needed.
 */
export function warmPool(size: number, start: () => StartedPort): WarmPool {
  const spare = Array.from({ length: size }, () => start())
  const runner = new WorkerPool({ size, offload: true, spawn: () => spare.shift() ?? start() })
  return {
    runner,
    ready: Promise.all(spare.map((p) => p.started.catch(() => undefined))).then(() => undefined),
    close() {
      runner.close()
      for (const port of spare.splice(0)) port.close()
    },
  }
}
