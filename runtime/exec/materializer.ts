import type { NodeCache } from '../cache/node-cache'
import type { GraphEdge } from '../document/schema'
import type { NodeKey } from '../keys/cache-keys'
import type { Values } from '../node-api/define-node'
import { explainMiss } from './reasons'

/** Runs a node whose outputs are needed but not available, saying why. */
export type Recompute = (id: string, reason: string) => Promise<Values>

/**
 * The outputs of nodes as this run needs them: a node that ran in this run hands its outputs
 * over directly; a cache hit is decoded only when a node downstream runs; an entry that turns
 * out unreadable (or was evicted since it was checked) is recomputed, once.
 */
export class Materializer {
  private readonly outputs = new Map<string, Promise<Values>>()

  constructor(
    private readonly cache: NodeCache,
    private readonly keyOf: (id: string) => NodeKey | undefined,
    private readonly recompute: Recompute,
  ) {}

  /** Makes the outputs of a node being run in this run available to its descendants. */
  track(id: string, outputs: Promise<Values>): Promise<Values> {
    this.outputs.set(id, outputs)
    return outputs
  }

  /** A node's outputs: from this run, from the cache, or recomputed. */
  get(id: string): Promise<Values> {
    let p = this.outputs.get(id)
    if (!p) {
      const key = this.keyOf(id)
      if (!key) return Promise.reject(new Error(`Node "${id}" has no cache key.`))
      p = this.cache.get(key.key).then((hit) => {
        if (hit.status === 'hit') return hit.value as Values
        return this.recompute(id, explainMiss(key.recipe, undefined, hit.status === 'corrupt'))
      })
      this.outputs.set(id, p)
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
