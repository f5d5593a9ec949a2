/**
 * What a node may ask of the run around it: run the pipeline that feeds one of its inputs again,
 * nested in the same executor and cache, with some upstream values replaced and some params
 * overridden (a fold of a cross-validation, a trial of a search). Every node of the nested run
 * is an ordinary cached node, so a repeated fold or trial is all cache hits.
 */
export interface SubgraphRequest {
  /** The calling node's input port whose upstream output the nested run computes. */
  output: string
  /**
   * Calling node's input ports whose upstream value is swapped for `value` in the nested run.
   * `tag` says how `value` derives from the original (e.g. `{ fold: 2, k: 5, seed: 0 }`): the
   * replacement is keyed in the cache by the original's key and the tag, so it must be complete.
   */
  replace?: Record<string, { value: unknown; tag: unknown }>
  /** Node id → params merged over the document's, for nodes upstream of `output`. */
  params?: ReadonlyMap<string, Record<string, unknown>>
}

export interface SubgraphResult {
  /** The value on the `output` port's wire in the nested run. */
  value: unknown
  /** Nodes the nested run computed and found cached. */
  ran: number
  cached: number
  /** Cache key of the node feeding `output` in the nested run: one key per distinct trial. */
  key: string
  ms: number
  /** Where the nodes it computed ran (cached ones ran nowhere). */
  ranOn?: RanOn
}

/** Where the nodes of nested runs ran: on pool workers, on queue workers, on the run's own thread. */
export interface RanOn {
  /** Pool workers (1 … pool size − 1), ascending. */
  pool: number[]
  /** Queue workers (`host:pid`), sorted; '' for a node the queue settled without naming one. */
  queue: string[]
  /** Whether any ran on the thread running the graph (the CLI's main thread, the editor engine's worker). */
  here: boolean
}

/** Where several runs (a trial's folds, a nested run's nodes) ran, together: each place once, in order. */
export function mergeRanOn(runs: readonly (RanOn | undefined)[]): RanOn {
  const pool = new Set<number>()
  const queue = new Set<string>()
  let here = false
  for (const r of runs) {
    if (!r) continue
    for (const w of r.pool) pool.add(w)
    for (const w of r.queue) queue.add(w)
    here ||= r.here
  }
  return { pool: [...pool].sort((a, b) => a - b), queue: [...queue].sort(), here }
}

/** A node upstream of one of the calling node's inputs, with its params as saved (defaults filled in). */
export interface UpstreamNode {
  id: string
  type: string
  title: string
  params: Record<string, unknown>
}

export interface SubgraphHost {
  run(request: SubgraphRequest): Promise<SubgraphResult>
  /** How many nested runs are worth starting at once (the host's worker slots; 1 without a pool). */
  parallel: number
  /** The nodes a nested run for input `output` would contain, in dependency order. */
  upstream(output: string): UpstreamNode[]
}
