import type { NodeCache } from '../cache/node-cache'
import type { GraphEdge } from '../document/schema'
import type { NodeKey } from '../keys/cache-keys'
import type { Values } from '../node-api/define-node'
import { explainMiss } from './reasons'

/** Runs a node whose outputs are needed but not available, saying why (no outputs: published to the cache elsewhere). */
export type Recompute = (id: string, reason: string) => Promise<Values | undefined>

/**
 * The outputs of nodes as this run needs them: a node that ran in this run hands its outputs
 * over directly; a cache hit, or a node a runner ran elsewhere, is decoded only when a node
 * downstream runs here; an entry that turns out unreadable (or was evicted since it was checked)
 * is recomputed, once.
 */
export class Materializer {
  /** Outputs handed over by nodes run here; undefined for nodes whose outputs went to the cache only. */
  private readonly ran = new Map<string, Promise<Values | undefined>>()
  private readonly loaded = new Map<string, Promise<Values>>()

  constructor(
    private readonly cache: NodeCache,
    private readonly keyOf: (id: string) => NodeKey | undefined,
    private readonly recompute: Recompute,
  ) {}

  /** Makes the outputs of a node being run in this run available to its descendants. */
  track(id: string, outputs: Promise<Values | undefined>): Promise<Values | undefined> {
    this.ran.set(id, outputs)
    return outputs
  }

  /** A node's outputs: from this run, from the cache, or recomputed. */
  async get(id: string): Promise<Values> {
    const ran = this.ran.get(id)
    return (ran && (await ran)) ?? this.load(id)
  }

  private load(id: string): Promise<Values> {
    let p = this.loaded.get(id)
    if (!p) {
      const key = this.keyOf(id)
      if (!key) return Promise.reject(new Error(`Node "${id}" has no cache key.`))
      p = this.cache.get(key.key).then(async (hit) => {
        if (hit.status === 'hit') return hit.value as Values
        const again = await this.recompute(id, explainMiss(key.recipe, undefined, hit.status === 'corrupt'))
        if (again) return again
        const published = await this.cache.get(key.key)
        if (published.status !== 'hit') throw new Error(`Node "${id}" ran elsewhere, but its result is not in the shared cache.`)
        return published.value as Values
      })
      this.loaded.set(id, p)
    }
    return p
  }

  /** The values on a node's wired inputs, by input port. */
  async inputs(wiring: ReadonlyMap<string, GraphEdge>): Promise<Values> {
    const values: Values = {}
    for (const [port, edge] of wiring) values[port] = (await this.get(edge.from.node))[edge.from.port]
    return values
  }
}
