import type { NodeResult, RunnerEnv } from '../node-runner'
import { Cancelled } from '../node-runner'
import { inProcessRunner, type NodeRunner, type RunTask } from '../runner'
import type { FromWorker, PoolPort } from './protocol'

export interface PoolOptions {
  /** Nodes that may run at once: this thread plus `size - 1` workers (`offload`: `size` workers). */
  size: number
  /** Starts one worker; called lazily, the first time a node finds this thread busy. */
  spawn: () => PoolPort
  /** Where the first node runs (default: this thread). */
  local?: NodeRunner
  /**
   * How long a node waits for this thread before it goes to a worker (default 100 ms): cheap
   * nodes queued behind a cheap node stay here, and no worker starts for them.
   */
  spillAfterMs?: number
  /**
   * Run every node (but host-only ones) on a worker, keeping this thread free for the run's cache
   * reads and writes and for its caller: the browser engine's worker answers the editor during a
   * run, and a node computing here would hold up its siblings' cache reads until it yields.
   */
  offload?: boolean
}

interface Slot {
  /** 1 … the number of workers, reported with each node it ran (NodeResult.worker). */
  n: number
  port?: PoolPort
  busy: boolean
  /** Callbacks of the node this worker runs, by message id. */
  tasks: Map<number, { env: RunnerEnv; used?(note: string): void; resolve(r: NodeResult): void; reject(e: Error): void }>
}

/**
 * Runs ready nodes on this thread and on up to `size - 1` workers. A node runs here when this
 * thread is free, so a chain of nodes (the common case) never pays for starting a worker or
 * copying values; a node that becomes ready while another runs goes to an idle worker, and
 * waits when every slot is busy. Results are the node's own, computed from the same key and
 * inputs, so they (and the cache) are the same whichever slot ran it.
 */
export class WorkerPool implements NodeRunner {
  private readonly slots: Slot[] = []
  private localBusy = false
  private readonly waiting: (() => void)[] = []
  private nextId = 1
  /** How many nodes ran on a worker (tests and the bench check parallel runs happened). */
  remoteRuns = 0

  constructor(private readonly opts: PoolOptions) {}

  get capacity(): number {
    return this.opts.size
  }

  async run(task: RunTask, env: RunnerEnv): Promise<NodeResult> {
    // Outside the slots: a host-only node may wait on nested runs that need them.
    if (task.def.hostOnly) return (this.opts.local ?? inProcessRunner).run(task, env)
    let patience = this.opts.offload ? 0 : (this.opts.spillAfterMs ?? 100)
    for (;;) {
      if (!this.localBusy && !this.opts.offload) return this.runLocal(task, env)
      // An idle worker that is already up takes the node at once; waiting is only worth it to spare starting one.
      const slot = patience > 0 ? this.slots.find((s) => s.port && !s.busy) : this.freeSlot()
      if (slot) return this.runRemote(slot, task, env)
      const timedOut = await this.nextFree(patience)
      if (timedOut) patience = 0
    }
  }

  /** Resolves when a slot frees (false) or, given a positive `ms`, once that time passed (true). */
  private nextFree(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = ms > 0 ? setTimeout(() => resolve(true), ms) : undefined
      this.waiting.push(() => {
        clearTimeout(timer)
        resolve(false)
      })
    })
  }

  /**
   * Starts every worker now rather than when a node first needs one: a worker's start (loading the
   * nodes and tfjs, compiling wasm: about a second) then overlaps this thread's work.
   */
  warm(): void {
    const started: Slot[] = []
    // Marked busy while warming so that freeSlot hands out a new slot each time.
    for (let slot = this.freeSlot(); slot && !slot.port; slot = this.freeSlot()) {
      slot.busy = true
      this.start(slot)
      started.push(slot)
    }
    for (const slot of started) slot.busy = false
  }

  /** Stops every worker; a pool can be used again afterwards (workers start anew). */
  close() {
    for (const slot of this.slots) slot.port?.close()
    this.slots.length = 0
  }

  private async runLocal(task: RunTask, env: RunnerEnv) {
    this.localBusy = true
    try {
      return await (this.opts.local ?? inProcessRunner).run(task, env)
    } finally {
      this.localBusy = false
      this.wake()
    }
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.busy)
    if (idle) return idle
    if (this.slots.length >= this.opts.size - (this.opts.offload ? 0 : 1)) return undefined
    let n = 1
    while (this.slots.some((s) => s.n === n)) n += 1
    const slot: Slot = { n, busy: false, tasks: new Map() }
    this.slots.push(slot)
    return slot
  }

  private async runRemote(slot: Slot, task: RunTask, env: RunnerEnv): Promise<NodeResult> {
    slot.busy = true
    this.remoteRuns += 1
    let previous: Awaited<ReturnType<NonNullable<RunTask['previous']>>>
    try {
      previous = await task.previous?.()
    } catch (e) {
      slot.busy = false
      this.wake()
      throw e
    }
    const port = slot.port ?? this.start(slot)
    const id = this.nextId++
    const onAbort = () => port.post({ kind: 'cancel', id })
    env.signal.addEventListener('abort', onAbort)
    const done = () => {
      env.signal.removeEventListener('abort', onAbort)
      slot.tasks.delete(id)
      slot.busy = false
      this.wake()
    }
    return new Promise<NodeResult>((resolve, reject) => {
      slot.tasks.set(id, {
        env,
        used: previous?.used,
        resolve: (r) => (done(), resolve({ ...r, worker: slot.n })),
        reject: (e) => (done(), reject(e)),
      })
      const { node, def, key, inputs, files } = task
      const earlier = previous && { outputs: previous.outputs, params: previous.params }
      port.post({ kind: 'run', id, node, type: def.type, key, inputs, files, previous: earlier })
    })
  }

  private start(slot: Slot): PoolPort {
    const port = this.opts.spawn()
    slot.port = port
    port.listen(
      (m) => this.receive(slot, m),
      (reason) => {
        // A dead worker fails the node it ran; the next node gets a fresh worker.
        const at = this.slots.indexOf(slot)
        if (at >= 0) this.slots.splice(at, 1)
        for (const t of [...slot.tasks.values()]) t.reject(new Error(`The worker running this node stopped: ${reason}`))
      },
    )
    return port
  }

  private receive(slot: Slot, m: FromWorker) {
    const task = slot.tasks.get(m.id)
    if (!task) return
    if (m.kind === 'event') task.env.emit(m.event)
    else if (m.kind === 'used') task.used?.(m.note)
    else if (m.kind === 'done') task.resolve(m.result)
    else task.reject(m.cancelled ? new Cancelled() : new Error(m.message))
  }

  private wake() {
    this.waiting.splice(0).forEach((resolve) => resolve())
  }
}
