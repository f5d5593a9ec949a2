import type { GraphDocument } from '../document/schema'
import { topologicalOrder } from '../graph/order'
import { buildTopology, type Topology } from '../graph/topology'
import { paramsData } from '../node-api/parse-params'
import type { Registry } from '../registry'
import { canonicalJson } from './canonical'
import { NodeKeys } from './node-keys'
import { PlannedKey, RecipeWriter } from './recipe-writer'

/** What a node's result depends on; its hash is the cache key. Ids, positions, labels never appear. */
export interface Recipe {
  type: string
  version: number
  params: Record<string, unknown>
  /** input port → `<upstream key>#<upstream port>` */
  inputs: Record<string, string>
  /** file param → content hash */
  files: Record<string, string>
}

export interface NodeKey {
  readonly key: string
  readonly recipe: Recipe
}

/** node id → file param → content hash, filled in by the host before keys are computed. */
export type FileHashes = Map<string, Record<string, string>>

/**
 * Cache keys for every node whose params are valid and whose inputs all have keys.
 * Nodes left out (invalid, unknown type, behind an invalid node) cannot run.
 */
export function computeKeys(
  doc: GraphDocument,
  registry: Registry,
  fileHashes: FileHashes = new Map(),
  topo: Topology = buildTopology(doc),
  /** Keys fixed from outside (a volatile node's key comes from its output's content). */
  overrides: ReadonlyMap<string, string> = new Map(),
): NodeKeys {
  const keys = new NodeKeys(topo)
  const text = new RecipeWriter(topo)
  const { indices } = topologicalOrder(topo)
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]
    if (text.keyAt[i] !== undefined) continue // a repeated id is queued once per occurrence
    const node = topo.nodeList[i]
    const def = registry.get(node.type)
    if (!def) continue
    const params = paramsData(def, node.params)
    if (!params) continue
    if (!text.wire(i)) continue
    const files = (fileHashes.size ? fileHashes.get(node.id) : undefined) ?? NO_FILES
    const fixed = overrides.size ? overrides.get(node.id) : undefined
    if (fixed !== undefined) text.fixed(i, fixed)
    const key = fixed ?? text.key(i, def, files === NO_FILES ? undefined : canonicalJson(files), params)
    keys.add(i, new PlannedKey(key, text, i, def, params, files))
  }
  return keys
}

const NO_FILES: Record<string, string> = Object.freeze({}) as Record<string, string>
