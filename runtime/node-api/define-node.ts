import { z } from 'zod'
import type { PortDef, PortType } from './ports'
import { withLazyProperty, type ParamsShape } from './params'
import type { StepReplay } from '../values/dataset'
import type { SubgraphHost } from './subgraph'

export const NODE_CATEGORIES = [
  'data',
  'clean',
  'transform',
  'model',
  'loss',
  'optimizer',
  'train',
  'predict',
  'metric',
  'select',
  'figure',
  'deploy',
  'rl',
  'test',
] as const
export type NodeCategory = (typeof NODE_CATEGORIES)[number]

export interface Logger {
  info(message: string): void
  warn(message: string): void
}

/** A file a node reads, resolved by the host (a path in Node, an uploaded file in the browser). */
export interface ResolvedFile {
  name: string
  bytes: Uint8Array
  /** Content hash; it goes into the cache key instead of the path or mtime. */
  hash: string
}

export interface NodeContext {
  signal: AbortSignal
  /** Report progress in [0, 1] with a short message; `data` carries live values (e.g. loss per epoch). */
  progress(fraction: number, message?: string, data?: Record<string, unknown>): void
  /**
   * PRNG in [0, 1) seeded from the node's cache key: a rerun gives the same numbers, any change
   * of params or inputs gives new ones. A node (or model family) with a user-facing `seed`
   * param draws from its own generator instead, `seededRandom(params.seed)`, so the same seed
   * gives the same draws whatever else changed (scikit-learn's `random_state`).
   * The seed rule for models: a model family whose fit draws random numbers declares `seed` in
   * its config (`seedParam()`), and the Train node seeds FitContext.random from it; the Train
   * node's own `seed` seeds only families without one (network weights, shuffling, dropout).
   */
  random(): number
  log: Logger
  /** Files named by this node's `file` params, already read and hashed. */
  files: Record<string, ResolvedFile | undefined>
  /** The tfjs backend in use ('wasm', 'webgl', ...). */
  backend: string
  /**
   * Nested runs of the pipeline upstream of this node's inputs (cross-validation folds, search
   * trials), sharing this run's cache; absent where the host cannot nest runs.
   */
  subgraph?: SubgraphHost
  /**
   * This node's own earlier result, for a node that declares `continueOn` and whose continuable
   * params grew while nothing else changed (e.g. more epochs): undefined otherwise, and when the
   * earlier result is gone or unreadable (the run's reason then says it ran from scratch).
   * Absent where no cache stands behind the run (a context built by hand).
   */
  previous?(): Promise<PreviousResult | undefined>
}

/** A node's earlier cached result, offered to continue from (see NodeDefinition.continueOn). */
export interface PreviousResult {
  /** The decoded outputs; shared with the cache's memory tier, so copy before changing them. */
  outputs: Values
  /** The params it ran with (defaults filled in). */
  params: Record<string, unknown>
  /** Call when the run builds on this result; `note` ("epoch 50") ends up in the reason: "continued from epoch 50". */
  used(note: string): void
}

export type Values = Record<string, unknown>

export interface NodeDefinition<P extends ParamsShape = ParamsShape> {
  /** Stable dotted id saved in every graph file (`data.csv`); never renamed. */
  type: string
  /** Bump when results change; it is part of the cache key. */
  version: number
  category: NodeCategory
  title: string
  description: string
  inputs: Record<string, PortDef>
  outputs: Record<string, PortDef>
  params: P
  /**
   * Turns params saved by an older `version` of this node type into current ones (renamed or
   * re-scaled params); documents keep loading, and the load says which nodes were updated.
   * Required from version 2 on (the registry refuses a type without it): a bump that changed
   * only results declares `migrate: paramsUnchanged`.
   */
  migrate?(params: Record<string, unknown>, fromVersion: number): Record<string, unknown>
  /** True when results are not a pure function of inputs and params (e.g. fetching a URL). */
  volatile?: boolean
  /**
   * Numeric params that may only grow a result (epochs, episodes): when they are raised and
   * nothing else changed, `ctx.previous()` offers the result of the shorter run to continue from.
   * The node must then give exactly the result a run from scratch would give.
   */
  continueOn?: readonly (keyof P & string)[]
  /**
   * Runs on the thread that hosts the run, never on a pool worker: set it on a node that calls
   * `ctx.subgraph` (nested runs need the host's executor and cache) or whose `run` closes over
   * host state. A worker's context has no `subgraph`.
   */
  hostOnly?: boolean
  /**
   * Runs TensorFlow.js ops (trains, applies, evaluates or exports a model that may be a network).
   * A host that starts the backend on demand (the CLI) starts it before the first such node; a run
   * of other nodes only (a metric re-run after a leaf edit) starts none. Pinned by a test that runs
   * every example and counts tensors and kernels made inside each node.
   */
  tensors?: boolean
  run(inputs: Values, params: z.output<z.ZodObject<P>>, ctx: NodeContext): Promise<Values> | Values
  /** Small JSON shown on the node and in reports; defaults to a summary per output type. */
  summarize?(outputs: Values, params: z.output<z.ZodObject<P>>): Record<string, unknown>
  /** Param names whose value names a file the node reads (resolved and hashed by the host). */
  fileParams?: (keyof P & string)[]
  /** The fitted steps this node writes into a table's lineage, and how each is replayed on new rows. */
  replays?: readonly StepReplay[]
  /** Facts about this node that checks of nodes downstream can read (e.g. 'gradient' for loss-trained models). */
  traits?: string[]
  /**
   * Extra validation across params or against the wiring, returning plain sentences.
   * `connected` has an entry per wired input: the types it receives and the node feeding it.
   */
  check?(params: z.output<z.ZodObject<P>>, connected: Record<string, ConnectedInput>): string[]
}

/** What a `check` knows about one wired input. */
export interface ConnectedInput {
  types: PortType[]
  nodeType: string
  /** Title of the node type feeding the input, for messages. */
  title: string
  traits: readonly string[]
}

/** A node definition with its params object schema compiled once. */
export interface RegisteredNode extends NodeDefinition {
  paramsSchema: z.ZodObject<ParamsShape>
}

/**
 * Declares a node type. Types flow from `params` into `run`. Params given as a function are built when
 * first read (withLazyProperty): a process that runs one graph builds the params of its node types only.
 */
export function defineNode<P extends ParamsShape>(def: NodeDefinition<P>): NodeDefinition<P>
export function defineNode<P extends ParamsShape>(def: Omit<NodeDefinition<P>, 'params'> & { params: () => P }): NodeDefinition<P>
export function defineNode<P extends ParamsShape>(def: NodeDefinition<P> | (Omit<NodeDefinition<P>, 'params'> & { params: () => P })): NodeDefinition<P> {
  const { params } = def
  return (typeof params === 'function' ? withLazyProperty(def, 'params', params) : def) as NodeDefinition<P>
}

/** The `migrate` of a version bump that changed a node's results but not its params. */
export const paramsUnchanged = (params: Record<string, unknown>): Record<string, unknown> => params
