import type { NodeCache } from '../cache/node-cache'
import type { GraphDocument } from '../document/schema'
import { flattenGroups } from '../graph/groups'
import { buildTopology, inputsOf, nodeOf, parentsOf, type Topology } from '../graph/topology'
import type { Values } from '../node-api/define-node'
import type { Registry } from '../registry'
import type { NodeEvent, RunEvent, RunReport } from './events'
import { Continuation } from './continuation'
import { Materializer } from './materializer'
import type { FileProvider } from './node-files'
import { Cancelled, type RunnerEnv } from './node-runner'
import { planRun, readPlanFiles, type RunPlan } from './plan'
import { explainMiss } from './reasons'
import { Reporter } from './reporter'
import { RunKeys } from './run-keys'
import { inProcessRunner, type NodeRunner } from './runner'
import { schedule, type Outcome } from './scheduler'
import { subgraphHost } from './subgraph-run'

export type { FileProvider } from './node-files'

export interface RunOptions {
  doc: GraphDocument
  registry: Registry
  cache: NodeCache
  /** Identity of the graph (a file path, an editor tab) under which "why it re-ran" is remembered. */
  scope?: string
  /** Run only this node and what it depends on. */
  to?: string
  /** Re-run these nodes and everything downstream of them, ignoring the cache. */
  force?: string[]
  signal?: AbortSignal
  onEvent?: (event: RunEvent) => void
  files?: FileProvider
  backend?: string
  /** How many ready nodes may run at once (async nodes interleave). */
  concurrency?: number
  /** Cache keys fixed from outside (the stand-ins of a nested run, see subgraph-run.ts). */
  keyOverrides?: ReadonlyMap<string, string>
  /** Where nodes run (default: this thread); a worker pool runs independent nodes in parallel. */
  runner?: NodeRunner
}

/**
 * Runs a graph incrementally: ready nodes in dependency order, cache hits skipped without
 * decoding, cached values loaded only when a node downstream has to run. A failing node
 * blocks its descendants only; independent branches go on.
 */
export async function runGraph(options: RunOptions): Promise<RunReport> {
  // Groups are presentation: the run sees their inner nodes, ids and keys unchanged.
  const opts = { ...options, doc: flattenGroups(options.doc) }
  const topo = buildTopology(opts.doc)
  const emit = opts.onEvent ?? (() => undefined)
  const reporter = new Reporter((id) => nodeOf(topo, id)!.type, emit, opts.backend ?? 'unknown')
  const planned = planRun(opts.doc, opts.registry, topo, opts)
  for (const id of topo.index.keys()) reporter.skipped(id)
  emit({ type: 'run-start', backend: reporter.backend, nodes: planned.queue })
  for (const id of planned.queue) emit({ type: 'queued', nodeId: id })
  const plan = await readPlanFiles(planned, topo, opts.registry, opts.files)
  const run = new GraphRun(opts, topo, plan, reporter)
  await schedule(plan.queue, (id) => parentsOf(topo, id), run, {
    concurrency: opts.concurrency,
    signal: opts.signal,
  })
  return reporter.finish()
}

/** One run's state: the scheduler calls `run` per ready node; the rest settle through the reporter. */
class GraphRun {
  private readonly keys: RunKeys
  private readonly outputs: Materializer
  private readonly env: RunnerEnv
  private readonly signal: AbortSignal
  private readonly scope: string

  constructor(
    private readonly opts: RunOptions,
    private readonly topo: Topology,
    private readonly plan: RunPlan,
    private readonly reporter: Reporter,
  ) {
    this.signal = opts.signal ?? new AbortController().signal
    this.scope = opts.scope ?? 'default'
    this.keys = new RunKeys(opts.doc, opts.registry, plan.fileHashes, topo, opts.keyOverrides)
    this.outputs = new Materializer(opts.cache, (id) => this.keys.get(id), (id, reason) => this.execute(id, reason))
    const emit = opts.onEvent ?? (() => undefined)
    this.env = { signal: this.signal, emit: (e: NodeEvent) => emit(e), backend: reporter.backend, subgraphs: (id) => this.nesting(id) }
  }

  readonly blocked = (id: string, by: string) => this.reporter.blocked(id, by)
  readonly cancelled = (id: string) => this.reporter.cancelled(id)
  readonly stuck = (id: string) => this.reporter.error(id, this.plan.problems.get(id)?.join(' ') ?? 'Waits on a cycle upstream.')

  /** Settles one node whose parents all succeeded: a cache hit, a run, or an error. */
  readonly run = async (id: string): Promise<Outcome> => {
    const def = this.opts.registry.get(nodeOf(this.topo, id)!.type)
    const key = this.keys.get(id)
    const problem = this.plan.problems.get(id)
    if (problem || !def || !key) {
      this.reporter.error(id, problem?.join(' ') ?? `Node "${id}" cannot run.`)
      return 'failed'
    }
    try {
      if (this.signal.aborted) throw new Cancelled()
      const reason = await this.missReason(id, def.volatile === true)
      if (reason !== undefined) await this.outputs.track(id, this.execute(id, reason))
      return 'ok'
    } catch (e) {
      if (e instanceof Cancelled || this.signal.aborted) {
        this.reporter.cancelled(id)
        return 'cancelled'
      }
      this.reporter.error(id, e instanceof Error ? e.message : String(e))
      return 'failed'
    }
  }

  /** Why the node has to run, or undefined when its cached result stands (reported as cached). */
  private async missReason(id: string, volatile: boolean): Promise<string | undefined> {
    if (this.plan.forced.has(id)) return 'forced'
    if (volatile) return 'volatile'
    const key = this.keys.get(id)!
    const found = await this.opts.cache.check(key.key)
    if (found.status === 'hit') {
      this.reporter.cached(id, found.info)
      await this.opts.cache.putRecord(this.scope, id, { key: key.key, recipe: key.recipe })
      return undefined
    }
    if (found.status === 'corrupt') return explainMiss(key.recipe, undefined, true)
    return explainMiss(key.recipe, (await this.opts.cache.getRecord(this.scope, id))?.recipe)
  }

  /** The `ctx.subgraph` of node `id`: nested runs of this graph in this cache. */
  private nesting(id: string) {
    const { doc, registry, cache, files, concurrency, runner } = this.opts
    const env = { doc, registry, cache, files, concurrency, runner, topo: this.topo, scope: this.scope, signal: this.signal, backend: this.reporter.backend }
    return subgraphHost({ ...env, keyOf: (n) => this.keys.get(n), fileHashes: this.plan.fileHashes, runGraph }, id)
  }

  /** Runs the node on its inputs, stores the result and what it ran with, reports it; no outputs when a runner published them elsewhere. */
  private async execute(id: string, reason: string): Promise<Values | undefined> {
    const node = nodeOf(this.topo, id)!
    const def = this.opts.registry.get(node.type)!
    const key = this.keys.get(id)!
    const runner = this.opts.runner ?? inProcessRunner
    const resume = def.continueOn?.length && !def.volatile ? new Continuation(this.opts.cache, key, def.continueOn) : undefined
    const bare = { node, def, key, files: this.plan.files.get(id), previous: resume?.previous }
    const inputs = runner.elsewhere?.(bare) ? {} : await this.outputs.inputs(inputsOf(this.topo, id))
    if (this.signal.aborted) throw new Cancelled()
    this.env.emit({ type: 'running', nodeId: id, reason })
    const result = await runner.run({ ...bare, inputs }, this.env)
    const storeKey = def.volatile && result.outputs ? await this.keys.pin(id, result.outputs) : key.key
    // The entry and the record at once: in the browser each is an IndexedDB transaction (1-10 ms here). A
    // record whose entry failed to store explains the next run's miss as a missing entry, which it is.
    const stored = result.stored ? undefined : this.opts.cache.put(storeKey, result.outputs, { summary: result.summary, ms: result.ms })
    await Promise.all([stored, this.opts.cache.putRecord(this.scope, id, { key: storeKey, recipe: key.recipe })])
    await resume?.remember(storeKey)
    this.reporter.ran(id, resume?.reason(reason) ?? reason, result)
    return result.outputs
  }
}
