import type { GraphDocument } from '../document/schema'
import { topologicalOrder } from '../graph/order'
import { buildTopology, type Topology } from '../graph/topology'
import type { RegisteredNode } from '../node-api/define-node'
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
  const text = new RecipeText(topo.ids.length)
  const { indices } = topologicalOrder(topo)
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]
    if (text.keyAt[i] !== undefined) continue // a repeated id is queued once per occurrence
    const node = topo.nodeList[i]
    const def = registry.get(node.type)
    if (!def) continue
    const parsed = parsedEntry(def, node.params)
    if (!parsed.result.success) continue
    const inputs = text.wire(topo, i)
    if (!inputs) continue
    const files = fileHashes.get(node.id) ?? NO_FILES
    const recipe: Recipe = { type: def.type, version: def.version, params: parsed.result.data, inputs, files }
    parsed.canonical ??= canonicalJson(recipe.params)
    const fixed = overrides.size ? overrides.get(node.id) : undefined
    const key = fixed ?? hashString(text.of(def, files, parsed.canonical))
    keys.set(node.id, { key, recipe })
    text.keyed(i, key, fixed !== undefined)
  }
  return keys
}

const NO_FILES: Record<string, string> = Object.freeze({}) as Record<string, string>

/**
 * Writes canonicalJson(recipe) straight from its parts: the params' canonical text (kept with
 * their memoised parse), the inputs (sorted port → `"<key>#<port>"`), each type's tail once.
 */
class RecipeText {
  /** node index → its key; → the key as it appears inside a JSON string. */
  readonly keyAt: (string | undefined)[]
  private readonly keyText: string[]
  private readonly quoted = new Map<string, string>()
  private readonly tails = new Map<RegisteredNode, string>()
  private inputsText = '{}'

  constructor(nodes: number) {
    this.keyAt = new Array<string | undefined>(nodes)
    this.keyText = new Array<string>(nodes)
  }

  keyed(i: number, key: string, fixed: boolean): void {
    this.keyAt[i] = key
    this.keyText[i] = fixed ? JSON.stringify(key).slice(1, -1) : key
  }

  /** The inputs record of node `i` (input port → `<upstream key>#<upstream port>`), or undefined while an upstream has no key. */
  wire(topo: Topology, i: number): Record<string, string> | undefined {
    const inputs: Record<string, string> = {}
    const names: string[] = []
    const members: string[] = []
    for (let w = topo.wireStart[i]; w < topo.wireStart[i + 1]; w++) {
      const e = topo.wireList[w]
      const up = topo.edgeFrom[e]
      if (this.keyAt[up] === undefined) return undefined
      const edge = topo.edges[e]
      const port = edge.to.port
      inputs[port] = `${this.keyAt[up]}#${edge.from.port}`
      // A port named __proto__ sets no member of `inputs`, so the recipe has never listed it.
      if (port === '__proto__') continue
      names.push(port)
      members.push(`"${this.inner(port)}":"${this.keyText[up]}#${this.inner(edge.from.port)}"`)
    }
    this.inputsText = sortedMembers(names, members)
    return inputs
  }

  /** The recipe's canonical JSON, for the node whose inputs `wire` saw last. */
  of(def: RegisteredNode, files: Record<string, string>, params: string): string {
    let tail = this.tails.get(def)
    if (tail === undefined) this.tails.set(def, (tail = `,"type":${JSON.stringify(def.type)},"version":${def.version}}`))
    return `{"files":${files === NO_FILES ? '{}' : canonicalJson(files)},"inputs":${this.inputsText},"params":${params}${tail}`
  }

  /** A string's JSON form without its quotes, once per distinct port name. */
  private inner(name: string): string {
    let q = this.quoted.get(name)
    if (q === undefined) this.quoted.set(name, (q = JSON.stringify(name).slice(1, -1)))
    return q
  }
}

/** `{member,...}` with members in the order of their names, as canonicalJson's Object.keys(..).sort() puts them. */
function sortedMembers(names: string[], members: string[]): string {
  if (members.length === 0) return '{}'
  if (members.length === 1) return `{${members[0]}}`
  if (members.length === 2) return names[1] < names[0] ? `{${members[1]},${members[0]}}` : `{${members[0]},${members[1]}}`
  const order = names.map((_, j) => j).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0))
  return `{${order.map((j) => members[j]).join(',')}}`
}
