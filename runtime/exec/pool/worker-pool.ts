import type { NodeResult, RunnerEnv } from '../node-runner'
import { Cancelled } from '../node-runner'
import { inProcessRunner, type NodeRunner, type RunTask } from '../runner'
import { nextTurn } from '../../values/event-loop'
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
  /**
   * Told why a worker died before it could run nodes, once per run (the run goes on without workers):
   * a user who asked for workers hears that none runs, instead of only a slower run.
   */
  onStartFailure?: (reason: string) => void
}

interface Slot {
  /** 1 … the number of workers, reported with each node it ran (NodeResult.worker). */
  n: number
  port: PoolPort
  /** Whether the worker can run nodes: its port's `started` settled (a port without one is ready at once). */
  ready: boolean
  busy: boolean
  /** Callbacks of the node this worker runs, by message id. */
  tasks: Map<number, { env: RunnerEnv; used?(note: string): void; resolve(r: NodeResult): void; reject(e: Error): void }>
}

/**
 * Runs ready nodes on this thread and on up to `size - 1` workers. A node runs here when this
 * thread is free, so a chain of nodes (the common case) never pays for starting a worker or
 * copying values; a node that becomes ready while another runs goes to an idle worker, and
 * waits when every slot is busy. A worker takes nodes only once it has started: a node handed to
 * a worker still loading (about a second) would wait there even when this thread frees first, and
 * so would everything downstream of it. Results are the node's own, computed from the same key and
 * inputs, so they (and the cache) are the same whichever slot ran it.
 */
export class WorkerPool implements NodeRunner {
  private readonly slots: Slot[] = []
  private localBusy = false
  private readonly waiting: (() => void)[] = []
  private nextId = 1
  /** Nodes that stopped waiting for this thread and want a worker. */
  private overdue = 0
  /** Why a worker died before it could run nodes: no further worker is started for this run. */
  private broken?: string
  /** How many nodes ran on a worker (tests and the bench check parallel runs happened). */
  remoteRuns = 0

  constructor(private readonly opts: PoolOptions) {}

  get capacity(): number {
    return this.opts.size
  }

  async run(task: RunTask, env: RunnerEnv): Promise<NodeResult> {
    // Outside the slots: a host-only node may wait on nested runs that need them.
    if (task.def.hostOnly) return (this.opts.local ?? inProcessRunner).run(task, env)
    const offload = this.opts.offload ?? false
    for (let patient = !offload && (this.opts.spillAfterMs ?? 100) > 0; ; ) {
      if (!this.localBusy && !offload) return this.runLocal(task, env)
      const slot = this.slots.find((s) => s.ready && !s.busy)
      if (slot) return this.runRemote(slot, task, env)
      if (patient) {
        patient = !(await this.nextFree(this.opts.spillAfterMs ?? 100))
        continue
      }
      if (offload && this.broken && !this.slots.length) throw new Error(`No pool worker could start: ${this.broken}`)
      this.overdue += 1
      try {
        this.startForOverdue()
        await this.nextFree(0)
      } finally {
        this.overdue -= 1
      }
    }
  }

  /** Resolves when a slot frees or a worker becomes ready (false) or, given a positive `ms`, once that time passed (true). */
  private nextFree(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = ms > 0 ? setTimeout(() => resolve(true), ms) : undefined
      this.waiting.push(() => {
        clearTimeout(timer)
        resolve(false)
      })
    })
  }

  /** One starting worker per node that waits for one, within the pool's size. */
  private startForOverdue() {
    const starting = this.slots.filter((s) => !s.ready).length
    for (let k = starting; k < this.overdue && this.canGrow(); k++) this.start()
  }

  private canGrow(): boolean {
    return !this.broken && this.slots.length < this.opts.size - (this.opts.offload ? 0 : 1)
  }

  /**
   * Starts every worker now rather than when a node first needs one: a worker's start (loading the
   * nodes and tfjs, compiling wasm: about a second) then overlaps this thread's work. Resolves once
   * every worker can run nodes or failed to start.
   */
  warm(): Promise<void> {
    while (this.canGrow()) this.start()
    return Promise.all(this.slots.map((s) => s.port.started?.catch(() => undefined))).then(() => undefined)
  }

  /** Stops every worker; a pool can be used again afterwards (workers start anew). */
  close() {
    for (const slot of this.slots) slot.port.close()
    this.slots.length = 0
    this.broken = undefined
  }

  private async runLocal(task: RunTask, env: RunnerEnv) {
    this.localBusy = true
    try {
      // Nodes that became ready with this one reach an idle worker first: a node's synchronous start
      // (a training's set-up: tens of ms) would hold them here until its first yield.
      if (this.slots.some((s) => s.ready && !s.busy)) await nextTurn()
      return await (this.opts.local ?? inProcessRunner).run(task, env)
    } finally {
      this.localBusy = false
      this.wake()
    }
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
    const port = slot.port
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
      // A planned key's recipe is a getter, which the message would drop: copied out here.
      const sent = { key: key.key, recipe: key.recipe }
      port.post({ kind: 'run', id, node, type: def.type, key: sent, inputs, files, previous: earlier })
    })
  }

  private start(): void {
    let n = 1
    while (this.slots.some((s) => s.n === n)) n += 1
    const port = this.opts.spawn()
    const slot: Slot = { n, port, ready: !port.started, busy: false, tasks: new Map() }
    this.slots.push(slot)
    // A failed start ends in the port's `fail` below.
    port.started?.then(
      () => ((slot.ready = true), this.wake()),
      () => undefined,
    )
    port.listen(
      (m) => this.receive(slot, m),
      (reason) => {
        // A dead worker fails the node it ran; the next node gets a fresh worker, unless this one never started.
        const at = this.slots.indexOf(slot)
        if (at >= 0) this.slots.splice(at, 1)
        if (at >= 0 && !slot.ready) {
          if (!this.broken) this.opts.onStartFailure?.(reason)
          this.broken = reason
        }
        for (const t of [...slot.tasks.values()]) t.reject(new Error(`The worker running this node stopped: ${reason}`))
        this.wake()
      },
    )
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
