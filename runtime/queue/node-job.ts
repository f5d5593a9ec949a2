import type { NodeCache } from '../cache/node-cache'
import { Continuation } from '../exec/continuation'
import type { NodeEvent } from '../exec/events'
import { runNode, type NodeResult, type RunnerEnv } from '../exec/node-runner'
import type { RunTask } from '../exec/runner'
import type { NodeKey, Recipe } from '../keys/cache-keys'
import { canonicalJson } from '../keys/canonical'
import { hashString } from '../keys/hash'
import type { Values } from '../node-api/define-node'
import type { Registry } from '../registry'
import type { Summary } from '../values/summary'

/**
 * A node run as a queue job: its recipe is all a worker needs, since the recipe names the
 * node type and version, its params, and its inputs by upstream cache key (read from the
 * shared cache). The job id is the cache key, so one key is one job however many runs ask.
 */
export interface NodeJobData {
  key: string
  recipe: Recipe
  /** The node's id in the graph that asked first (for messages only). */
  nodeId: string
}

export interface NodeJobResult {
  summary: Summary
  ms: number
  /** Why it ran ("continued from epoch 50") or that a worker found it already cached. */
  reason: string
  /** `host:pid` of the worker that settled it. */
  worker: string
}

/**
 * The node result a runner that queued a node reports once its job settled (the CLI's QueueRunner, the
 * editor's RemoteRunner): why it ran and where, passed on as the node's progress, unless it just ran.
 */
export function settledResult(nodeId: string, result: NodeJobResult, env: Pick<RunnerEnv, 'emit'>): NodeResult {
  const { reason, worker, ms, summary } = result
  if (reason !== 'queued') env.emit({ type: 'progress', nodeId, fraction: NaN, message: `${reason}${worker ? ` on ${worker}` : ''}` })
  // '' (the queue settled it from the shared cache without naming a worker) still says it ran on the queue.
  return { ms, summary, stored: true, remote: worker }
}

/** Whether a key is the hash of its recipe: only such nodes can run anywhere from their recipe alone. */
export function isRecipeKey(key: NodeKey): boolean {
  return hashString(canonicalJson(key.recipe)) === key.key
}

/** Whether a node can run on any worker from its recipe alone (not host-only, volatile or reading files). */
export function runsAnywhere(task: Omit<RunTask, 'inputs'>): boolean {
  if (task.def.hostOnly || task.def.volatile || task.def.fileParams?.length) return false
  if (task.files && Object.keys(task.files).length) return false
  return isRecipeKey(task.key)
}

/** A job no retry can fix (the worker fails it at once and files it as a dead letter). */
export class PermanentJobError extends Error {}

export interface JobHost {
  registry: Registry
  cache: NodeCache
  backend: string
  worker: string
  signal: AbortSignal
  emit(event: NodeEvent): void
}

/** What to do about a job of another release. */
const SAME_RELEASE = ': run the workers from the same release as the editor or CLI that queued it.'

/**
 * Runs one node job on a worker and publishes its outputs to the shared cache. A job this worker
 * can never run (unknown type, another version, a key that is not its recipe's) fails without
 * retries; a missing input is retried (the shared store may not show it yet).
 */
export async function runNodeJob(data: NodeJobData, host: JobHost): Promise<NodeJobResult> {
  const { key, recipe, nodeId } = data
  const def = host.registry.get(recipe.type)
  if (!def) throw new PermanentJobError(`This worker has no node type "${recipe.type}"${SAME_RELEASE}`)
  if (def.version !== recipe.version) {
    throw new PermanentJobError(`This worker has ${recipe.type} version ${def.version}, the job asks for version ${recipe.version}${SAME_RELEASE}`)
  }
  const nodeKey: NodeKey = { key, recipe }
  if (!isRecipeKey(nodeKey)) throw new PermanentJobError(`Job ${key} does not carry the recipe of its key.`)
  const found = await host.cache.check(key)
  if (found.status === 'hit') return { summary: found.info.summary, ms: found.info.ms, reason: 'cached', worker: host.worker }
  const inputs = await readInputs(host.cache, recipe)
  const resume = def.continueOn?.length ? new Continuation(host.cache, nodeKey, def.continueOn) : undefined
  const env = { signal: host.signal, emit: host.emit, backend: host.backend }
  const node = { id: nodeId, type: recipe.type, params: recipe.params, position: { x: 0, y: 0 } }
  const result = await runNode(node, def, nodeKey, inputs, env, {}, resume?.previous)
  await host.cache.put(key, result.outputs, { summary: result.summary, ms: result.ms })
  await resume?.remember(key)
  return { summary: result.summary, ms: result.ms, reason: resume?.reason('queued') ?? 'queued', worker: host.worker }
}

/** The node's inputs, decoded from the shared cache by their upstream keys. */
async function readInputs(cache: NodeCache, recipe: Recipe): Promise<Values> {
  const inputs: Values = {}
  for (const [port, ref] of Object.entries(recipe.inputs)) {
    const at = ref.lastIndexOf('#')
    const upstream = ref.slice(0, at)
    const hit = await cache.get(upstream)
    if (hit.status !== 'hit') throw new Error(`Input "${port}" (${upstream}) is not in the shared cache.`)
    inputs[port] = (hit.value as Values)[ref.slice(at + 1)]
  }
  return inputs
}
