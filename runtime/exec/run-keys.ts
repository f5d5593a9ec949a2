import type { GraphDocument } from '../document/schema'
import type { Topology } from '../graph/topology'
import { computeKeys, type FileHashes, type NodeKey } from '../keys/cache-keys'
import { hashString } from '../keys/hash'
import type { NodeKeys } from '../keys/node-keys'
import type { Values } from '../node-api/define-node'
import type { Registry } from '../registry'
import { encodeValue } from '../values/codec'

/** The cache keys of one run; a volatile node's key is pinned to its output once it has run. */
export class RunKeys {
  private keys: NodeKeys
  private readonly overrides: Map<string, string>

  constructor(
    private readonly doc: GraphDocument,
    private readonly registry: Registry,
    private readonly fileHashes: FileHashes,
    private readonly topo: Topology,
    /** Keys fixed from outside (a nested run's stand-in values). */
    fixed: ReadonlyMap<string, string> = new Map(),
  ) {
    this.overrides = new Map(fixed)
    this.keys = computeKeys(doc, registry, fileHashes, topo, this.overrides)
  }

  get(id: string): NodeKey | undefined {
    return this.keys.get(id)
  }

  /**
   * Keys a volatile node's result by its content, so descendants are cache hits when the
   * output did not change; their keys are recomputed. Returns the node's new key.
   */
  async pin(id: string, outputs: Values): Promise<string> {
    const key = hashString(`${this.keys.get(id)!.key}:${(await encodeValue(outputs)).checksum}`)
    this.overrides.set(id, key)
    this.keys = computeKeys(this.doc, this.registry, this.fileHashes, this.topo, this.overrides)
    return key
  }
}
