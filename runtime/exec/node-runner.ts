import type { GraphNode } from '../document/schema'
import type { NodeKey } from '../keys/cache-keys'
import type { NodeContext, PreviousResult, RegisteredNode, ResolvedFile, Values } from '../node-api/define-node'
import { summarizeOutputs, type Summary } from '../values/summary'
import type { NodeEvent } from './events'
import { seededRandom, seedFromHex } from './rng'
import type { SubgraphHost } from '../node-api/subgraph'
import { checkWrittenSteps } from './written-steps'

/** Thrown when the run was cancelled while a node was about to start or was running. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled')
  }
}

/** What a node run needs from the run around it. */
export interface RunnerEnv {
  signal: AbortSignal
  emit(event: NodeEvent): void
  backend: string
  /** Nested runs for the node with this id (absent: the host cannot nest runs). */
  subgraphs?(nodeId: string): SubgraphHost
}

export type NodeResult = {
  ms: number
  summary: Summary
  /** The pool worker that ran the node (1 … pool size − 1); absent: the thread running the graph. */
  worker?: number
  /** The queue worker (`host:pid`) that ran it, for a node run through a queue ('' when the queue names none). */
  remote?: string
} & (
  | {
      outputs: Values
      /** The runner already published the outputs under the node's key (a worker sharing the cache). */
      stored?: boolean
    }
  /** Published under the node's key by a runner that ran it elsewhere: read back only when a node here needs them. */
  | { outputs?: undefined; stored: true }
)

/** The context a node's `run` receives: cancel signal, progress and log events, seeded RNG, files. */
export function nodeContext(
  nodeId: string,
  key: NodeKey,
  env: RunnerEnv,
  files: Record<string, ResolvedFile> = {},
  previous: () => Promise<PreviousResult | undefined> = async () => undefined,
): NodeContext {
  const note = (message: string) => env.emit({ type: 'progress', nodeId, fraction: NaN, message })
  return {
    signal: env.signal,
    progress: (fraction, message, data) => env.emit({ type: 'progress', nodeId, fraction, message, data }),
    // Seeded from the cache key, never from a param by name: a node with a `seed` param builds
    // its own generator from it (see NodeContext.random).
    random: seededRandom(seedFromHex(key.key)),
    log: { info: note, warn: (m) => note(`warning: ${m}`) },
    files,
    backend: env.backend,
    subgraph: env.subgraphs?.(nodeId),
    previous,
  }
}

/**
 * Runs one node on its inputs with the params of its recipe (defaults filled in), checks it
 * produced every declared output, and summarizes the result. Storing it is the caller's job.
 */
export async function runNode(
  node: GraphNode,
  def: RegisteredNode,
  key: NodeKey,
  inputs: Values,
  env: RunnerEnv,
  files?: Record<string, ResolvedFile>,
  previous?: NodeContext['previous'],
): Promise<NodeResult & { outputs: Values }> {
  if (env.signal.aborted) throw new Cancelled()
  const params = key.recipe.params as Record<string, never>
  const t0 = performance.now()
  const outputs = await def.run(inputs, params, nodeContext(node.id, key, env, files, previous))
  if (env.signal.aborted) throw new Cancelled()
  for (const port of Object.keys(def.outputs)) {
    if (!Object.hasOwn(outputs, port)) throw new Error(`Node type ${def.type} did not produce its "${port}" output.`)
  }
  checkWrittenSteps(def, inputs, outputs)
  const ms = performance.now() - t0
  return { outputs, ms, summary: def.summarize?.(outputs, params) ?? summarizeOutputs(outputs) }
}
