import type { GraphDocument } from '../document/schema'
import { buildTopology, topologicalOrder, type Topology } from '../graph/topology'
import { parsedEntry } from '../node-api/parse-params'
import type { Registry } from '../registry'
import { canonicalJson } from './canonical'
import { hashString } from './hash'

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
  key: string
  recipe: Recipe
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
): Map<string, NodeKey> {
  const keys = new Map<string, NodeKey>()
  for (const id of topologicalOrder(topo).order) {
    const node = topo.nodes.get(id)!
    const def = registry.get(node.type)
    if (!def) continue
    const parsed = parsedEntry(def, node.params)
    if (!parsed.result.success) continue
    const inputs: Record<string, string> = {}
    let complete = true
    topo.inputs.get(id)!.forEach((edge, port) => {
      const upstream = keys.get(edge.from.node)
      if (!upstream) complete = false
      else inputs[port] = `${upstream.key}#${edge.from.port}`
    })
    if (!complete) continue
    const files = fileHashes.get(id) ?? NO_FILES
    const recipe: Recipe = { type: def.type, version: def.version, params: parsed.result.data, inputs, files }
    parsed.canonical ??= canonicalJson(recipe.params)
    keys.set(id, { key: overrides.get(id) ?? hashString(recipeText(recipe, parsed.canonical)), recipe })
  }
  return keys
}

const NO_FILES: Record<string, string> = Object.freeze({}) as Record<string, string>

/** canonicalJson(recipe), given the params' canonical text (computed once per params object). */
function recipeText(r: Recipe, params: string): string {
  const files = r.files === NO_FILES ? '{}' : canonicalJson(r.files)
  return `{"files":${files},"inputs":${flatJson(r.inputs)},"params":${params},"type":${JSON.stringify(r.type)},"version":${r.version}}`
}

/** canonicalJson of a flat string → string record, without the generic walk (keys on hot paths). */
function flatJson(record: Record<string, string>): string {
  const names = Object.keys(record)
  if (names.length > 1) names.sort()
  let out = '{'
  for (let i = 0; i < names.length; i++) out += `${i ? ',' : ''}${JSON.stringify(names[i])}:${JSON.stringify(record[names[i]])}`
  return out + '}'
}
