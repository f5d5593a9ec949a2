import type { Topology } from '../graph/topology'
import type { RegisteredNode } from '../node-api/define-node'
import type { NodeKey, Recipe } from './cache-keys'
import { ByteText, utf8 } from './byte-text'
import { canonicalJson } from './canonical'
import { hashUtf8Into } from './hash'
import { hexText } from './xxh128'

/** Hex digits of a computed key (xxHash128, or the 16-byte BLAKE3 fallback). */
const KEY_DIGITS = 32
// A recipe's constant runs, each written in one call.
const OPEN = utf8('{"files":')
const OPEN_NO_FILES = utf8('{"files":{},"inputs":{')
const INPUTS = utf8(',"inputs":{')
const PARAMS = utf8('},"params":{')
const COMMA = utf8(',')
const CLOSE_BRACE = utf8('}')
const TRUE = utf8('true')
const FALSE = utf8('false')

interface ParamName {
  name: string
  /** `"name":` as UTF-8 */
  quoted: Uint8Array
}

/** A type's param names in canonicalJson's order (Object.keys(..).sort()). */
const sortedNames = (def: RegisteredNode): ParamName[] =>
  Object.keys(def.paramsSchema.shape)
    .sort()
    .map((name) => ({ name, quoted: utf8(`${JSON.stringify(name)}:`) }))

/**
 * Writes canonicalJson(recipe) as UTF-8 straight from its parts and hashes it: the inputs
 * (sorted port → `"<upstream key>#<upstream port>"`, keys copied as bytes), the params'
 * canonical text, each type's tail once. One buffer serves every node of the plan.
 */
export class RecipeWriter {
  /** node index → its key */
  readonly keyAt: (string | undefined)[]
  /** node index → its computed key's hex digits, at `i * KEY_DIGITS` */
  private readonly keyHex: Uint8Array
  /** node index → a key fixed from outside, as it appears inside a JSON string */
  private readonly fixedText = new Map<number, Uint8Array>()
  /** input port → `"<port>":"`; output port → `#<port>"` */
  private readonly inputHeads = new Map<string, Uint8Array>()
  private readonly outputTails = new Map<string, Uint8Array>()
  private readonly tails = new Map<RegisteredNode, Uint8Array>()
  private readonly paramNames = new Map<RegisteredNode, ParamName[]>()
  private readonly out = new ByteText()
  /** The wires of the node `wire` saw last, sorted by input port. */
  private sorted = new Int32Array(8)
  private count = 0

  constructor(private readonly topo: Topology) {
    this.keyAt = new Array<string | undefined>(topo.ids.length)
    this.keyHex = new Uint8Array(topo.ids.length * KEY_DIGITS)
  }

  /** Whether every upstream of node `i` has a key; if so its wires are kept, sorted by input port, for `key`. */
  wire(i: number): boolean {
    const { wireStart, wireList, edgeFrom, edges } = this.topo
    const a = wireStart[i]
    const b = wireStart[i + 1]
    for (let w = a; w < b; w++) if (this.keyAt[edgeFrom[wireList[w]]] === undefined) return false
    if (this.sorted.length < b - a) this.sorted = new Int32Array(b - a)
    let count = 0
    for (let w = a; w < b; w++) {
      const e = wireList[w]
      const port = edges[e].to.port
      // A port named __proto__ sets no member of the recipe's `inputs`, so the recipe has never listed it.
      if (port === '__proto__') continue
      // Insertion sort: a node has a handful of wires, one per port (as Object.keys(..).sort() orders them).
      let at = count++
      while (at > 0 && edges[this.sorted[at - 1]].to.port > port) this.sorted[at] = this.sorted[--at]
      this.sorted[at] = e
    }
    this.count = count
    return true
  }

  /** The inputs record of keyed node `i`: input port → `<upstream key>#<upstream port>`, in wire order. */
  inputsOf(i: number): Record<string, string> {
    const { wireStart, wireList, edgeFrom, edges } = this.topo
    const inputs: Record<string, string> = {}
    for (let w = wireStart[i]; w < wireStart[i + 1]; w++) {
      const e = wireList[w]
      inputs[edges[e].to.port] = `${this.keyAt[edgeFrom[e]]}#${edges[e].from.port}`
    }
    return inputs
  }

  /**
   * Keys node `i`, whose inputs `wire` saw last: the hash of its recipe's canonical JSON, its hex
   * digits written where its children's recipes copy them from.
   */
  key(i: number, def: RegisteredNode, files: string | undefined, params: Record<string, unknown>): string {
    const out = this.out
    out.reset()
    if (files === undefined) out.bytes(OPEN_NO_FILES)
    else out.bytes(OPEN), out.text(files), out.bytes(INPUTS)
    for (let k = 0; k < this.count; k++) {
      const e = this.sorted[k]
      const edge = this.topo.edges[e]
      if (k) out.bytes(COMMA)
      out.bytes(this.portText(this.inputHeads, edge.to.port, '"', '":"'))
      this.keyText(this.topo.edgeFrom[e])
      out.bytes(this.portText(this.outputTails, edge.from.port, '#', '"'))
    }
    out.bytes(PARAMS)
    this.params(def, params)
    out.bytes(this.tail(def))
    hashUtf8Into(out.view(), this.keyHex, i * KEY_DIGITS)
    return (this.keyAt[i] = hexText(this.keyHex, i * KEY_DIGITS))
  }

  /** Records node `i`'s key fixed from outside: any text, so it is kept JSON-escaped. */
  fixed(i: number, key: string): void {
    this.keyAt[i] = key
    this.fixedText.set(i, utf8(JSON.stringify(key).slice(1, -1)))
  }

  /**
   * canonicalJson of parsed params, from the type's param names sorted once: parsed params
   * (zod's strict object output, or the fast path's) have no other keys.
   */
  private params(def: RegisteredNode, data: Record<string, unknown>): void {
    let names = this.paramNames.get(def)
    if (names === undefined) this.paramNames.set(def, (names = sortedNames(def)))
    const out = this.out
    let first = true
    for (let k = 0; k < names.length; k++) {
      const { name, quoted } = names[k]
      const v = data[name]
      if (v === undefined || !Object.hasOwn(data, name)) continue
      if (!first) out.bytes(COMMA)
      first = false
      out.bytes(quoted)
      if (typeof v === 'number' && Number.isFinite(v)) out.text(String(v))
      else if (typeof v === 'boolean') out.bytes(v ? TRUE : FALSE)
      else out.text(canonicalJson(v))
    }
    out.bytes(CLOSE_BRACE)
  }

  private keyText(up: number): void {
    const fixed = this.fixedText.size ? this.fixedText.get(up) : undefined
    if (fixed) this.out.bytes(fixed)
    else this.out.bytes(this.keyHex, up * KEY_DIGITS, (up + 1) * KEY_DIGITS)
  }

  /** `<before><port name JSON-escaped><after>` as UTF-8, once per distinct name. */
  private portText(made: Map<string, Uint8Array>, name: string, before: string, after: string): Uint8Array {
    let q = made.get(name)
    if (q === undefined) made.set(name, (q = utf8(before + JSON.stringify(name).slice(1, -1) + after)))
    return q
  }

  private tail(def: RegisteredNode): Uint8Array {
    let tail = this.tails.get(def)
    if (tail === undefined) this.tails.set(def, (tail = utf8(`,"type":${JSON.stringify(def.type)},"version":${def.version}}`)))
    return tail
  }
}

/**
 * A node's key, and its recipe made on first use: a plan keys every node (the editor plans at
 * each edit), while only the nodes a run visits need their recipe (run records, queue jobs).
 * The recipe is a getter, which structured cloning drops: a message copies it out first.
 */
export class PlannedKey implements NodeKey {
  private made: Recipe | undefined

  constructor(
    readonly key: string,
    private readonly writer: RecipeWriter,
    private readonly i: number,
    private readonly def: RegisteredNode,
    private readonly params: Record<string, unknown>,
    private readonly files: Record<string, string>,
  ) {}

  get recipe(): Recipe {
    const { def, params, files } = this
    return (this.made ??= { type: def.type, version: def.version, params, inputs: this.writer.inputsOf(this.i), files })
  }
}
