import type { Topology } from '../graph/topology'
import type { NodeKey } from './cache-keys'

/**
 * A plan's keys by node id: a table over the topology's node indices, looked up through its id
 * index. Planning a freshly loaded 10 000-node graph used to grow a Map of 10 000 entries, hashing
 * every id string once more; this fills one array. Iterates in the order the keys were set
 * (topological), as that Map did.
 */
export class NodeKeys implements ReadonlyMap<string, NodeKey> {
  private readonly at: (NodeKey | undefined)[]
  /** The node indices in the order their keys were set. */
  private readonly order: Int32Array
  private count = 0

  constructor(private readonly topo: Topology) {
    this.at = new Array<NodeKey | undefined>(topo.ids.length)
    this.order = new Int32Array(topo.ids.length)
  }

  /** Keys node `i` (a first occurrence of its id), once. */
  add(i: number, key: NodeKey): void {
    this.at[i] = key
    this.order[this.count++] = i
  }

  get size(): number {
    return this.count
  }

  get(id: string): NodeKey | undefined {
    const i = this.topo.index.get(id)
    return i === undefined ? undefined : this.at[i]
  }

  has(id: string): boolean {
    return this.get(id) !== undefined
  }

  forEach(visit: (key: NodeKey, id: string, map: ReadonlyMap<string, NodeKey>) => void, thisArg?: unknown): void {
    for (let k = 0; k < this.count; k++) visit.call(thisArg, this.at[this.order[k]]!, this.topo.ids[this.order[k]], this)
  }

  *entries(): MapIterator<[string, NodeKey]> {
    for (let k = 0; k < this.count; k++) yield [this.topo.ids[this.order[k]], this.at[this.order[k]]!]
  }

  *keys(): MapIterator<string> {
    for (let k = 0; k < this.count; k++) yield this.topo.ids[this.order[k]]
  }

  *values(): MapIterator<NodeKey> {
    for (let k = 0; k < this.count; k++) yield this.at[this.order[k]]!
  }

  [Symbol.iterator](): MapIterator<[string, NodeKey]> {
    return this.entries()
  }
}
