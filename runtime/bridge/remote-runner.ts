import { packEntry, unpackEntry } from '../cache/entry-seal'
import type { NodeCache } from '../cache/node-cache'
import { Cancelled, type NodeResult, type RunnerEnv } from '../exec/node-runner'
import { inProcessRunner, type NodeRunner, type RunTask } from '../exec/runner'
import { runsAnywhere, settledResult, type NodeJobResult } from '../queue/node-job'
import { decodeValue, encodeValue, estimateBytes } from '../values/codec'
import { BridgeError, type BridgeClient } from './bridge-client'
import { followJob } from './follow-job'

/** A key no entry has: asking for it checks the token. */
const NO_KEY = '0'.repeat(32)
/** Withdrawals in a row after which a node fails rather than queue again (a cancel loop, or a bridge that loses jobs). */
const MAX_REQUEUES = 20

/**
 * The editor's runner for a remote queue: the nodes the CLI's QueueRunner would queue (not
 * host-only, volatile or file-reading ones: a search or cross-validation node stays here and its
 * trials and folds go out) run on `pipeline worker` processes through `pipeline bridge`. Their
 * inputs are uploaded from this cache, their progress streams back, a cancel withdraws them, and
 * their result entry is copied into this cache, so everything after works as if it ran here.
 */
export class RemoteRunner implements NodeRunner {
  /** Nested runs a search or cross-validation may start at once: the workers serving the queue. */
  capacity = 1
  /** The bridge's upload limit (learnt from its health answer). */
  private maxEntryBytes = Infinity
  /** Uploads in flight or done, by key: trials share their upstream entries. */
  private readonly uploads = new Map<string, Promise<void>>()

  constructor(
    private readonly client: BridgeClient,
    private readonly cache: NodeCache,
    /** Where the nodes that stay here run (the engine's pool or its own thread). */
    private readonly local: () => NodeRunner = () => inProcessRunner,
  ) {}

  /**
   * Asks the bridge how many workers serve the queue; resolves with it. Throws BridgeError when it
   * is down, not a bridge of this version, or refuses the token (/health needs none: an entry probe does).
   */
  async refresh(): Promise<number> {
    const { workers, maxEntryBytes } = await this.client.health()
    await this.client.hasEntry(NO_KEY)
    this.capacity = Math.max(1, workers)
    this.maxEntryBytes = maxEntryBytes
    return workers
  }

  elsewhere(task: Omit<RunTask, 'inputs'>): boolean {
    return runsAnywhere(task)
  }

  async run(task: RunTask, env: RunnerEnv): Promise<NodeResult> {
    if (!this.elsewhere(task)) return this.local().run(task, env)
    const { key, recipe } = task.key
    for (const ref of Object.values(recipe.inputs)) await this.upload(ref.slice(0, ref.lastIndexOf('#')))
    const outcome = await this.queued(task, env)
    await this.download(key)
    return settledResult(task.node.id, outcome, env)
  }

  /**
   * Queues the job and follows it. A job that another run's cancel withdrew before it ran is
   * queued again, as the CLI's QueueRunner does (the bridge says so, or has no job right after the POST).
   */
  private async queued(task: RunTask, env: RunnerEnv): Promise<NodeJobResult> {
    const { key, recipe } = task.key
    for (let attempt = 1; ; attempt++) {
      if (env.signal.aborted) throw new Cancelled()
      await this.client.postJob(key, recipe, task.node.id)
      const outcome = await followJob(this.client, key, task.node.id, env)
      if ('done' in outcome) return outcome.done
      if (attempt === MAX_REQUEUES) throw new BridgeError(`The remote queue withdrew node "${task.node.id}" ${attempt} times before it ran.`)
      env.emit({ type: 'progress', nodeId: task.node.id, fraction: NaN, message: 'withdrawn by another run’s cancel: queued again' })
    }
  }

  /** Puts an input's entry in the shared cache unless it is there already. */
  private upload(key: string): Promise<void> {
    let pending = this.uploads.get(key)
    if (!pending) {
      pending = (async () => {
        if (await this.client.hasEntry(key)) return
        const bytes = await this.entryBytes(key)
        if (bytes.byteLength > this.maxEntryBytes) {
          const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`
          throw new Error(`Input ${key} is ${mb(bytes.byteLength)}, over the bridge's limit of ${mb(this.maxEntryBytes)} (pipeline bridge --max-entry-mb).`)
        }
        await this.client.putEntry(key, bytes)
      })()
      // A failed upload is tried again by the next node that needs it.
      pending.catch(() => this.uploads.delete(key))
      this.uploads.set(key, pending)
    }
    return pending
  }

  /** The sealed bytes of an entry of this cache, from its store or, if only in memory, encoded now. */
  private async entryBytes(key: string): Promise<Uint8Array> {
    const stored = await this.cache.store?.read(key).catch(() => undefined)
    if (stored) return packEntry(key, stored.value, stored.info)
    const slot = this.cache.memory.get(key)
    if (slot) return packEntry(key, await encodeValue(slot.value), slot.info)
    throw new Error(`Input ${key} is not in this browser's cache, so it cannot be sent to the remote queue.`)
  }

  /** Copies the result entry into this cache (its seal checked against the key). */
  private async download(key: string): Promise<void> {
    const bytes = await this.client.getEntry(key)
    if (!bytes) throw new Error(`The job finished, but the remote queue's cache has no entry ${key}.`)
    const { header, value } = await unpackEntry(bytes, key)
    if (this.cache.store) return this.cache.store.write(key, value, header.info)
    const decoded = await decodeValue(value)
    this.cache.memory.set(key, decoded, header.info, estimateBytes(decoded))
  }
}
