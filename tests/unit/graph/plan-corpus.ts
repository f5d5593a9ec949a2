import type { GraphDocument, GraphEdge } from '../../../runtime/document/schema'
import { seededRandom } from '../../../runtime/exec/rng'
import { definedPorts, groupSelection } from '../../../runtime/graph/group-edit'
import { flattenGroups } from '../../../runtime/graph/groups'
import { topologicalOrder } from '../../../runtime/graph/order'
import { buildTopology } from '../../../runtime/graph/topology'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { hashString } from '../../../runtime/keys/hash'
import type { Registry } from '../../../runtime/registry'
import { validateGraph } from '../../../runtime/validate/validate'
import { syntheticGraph } from '../../bench/parts/scale'
import { graph, sumGraph } from '../../support/graph'

/** What planning makes of a document: every diagnostic, the order, and a digest of the keys. */
export interface PlanSignature {
  diagnostics: string[]
  order: string
  leftover: string
  keys: string
}

export function planSignature(doc: GraphDocument, registry: Registry): PlanSignature {
  const diagnostics = validateGraph(doc, registry).map((d) => [d.code, d.severity, d.path, d.nodeId ?? '', d.edgeId ?? '', d.message].join(' | '))
  const flat = flattenGroups(doc)
  const topo = buildTopology(flat)
  const { order, leftover } = topologicalOrder(topo)
  const keys = [...computeKeys(flat, registry, new Map(), topo)].map(([id, k]) => `${id}=${k.key}`).join('\n')
  return { diagnostics, order: order.join(' '), leftover: leftover.join(' '), keys: hashString(keys) }
}

const PROTO = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']

/** Hand-made graphs of the test node pack: fan-in, fan-out, `sameAs` outputs, a group. */
function bases(registry: Registry): GraphDocument[] {
  const flat = sumGraph()
  const tables = graph(
    [
      ['t', 'test.table'],
      ['p1', 'test.pass'],
      ['p2', 'test.pass'],
      ['k', 'test.const', { value: 5 }],
      ['s', 'test.add', { offset: -3 }],
    ],
    ['t.data->p1.data', 'p1.data->p2.data', 'k.out->s.a'],
  )
  const grouped = { ...flat, ...groupSelection(flat, ['sum', 'twice'], 'g1', definedPorts(registry)) }
  return [flat, tables, grouped, syntheticGraph(60, 12)]
}

type Mutation = (doc: GraphDocument, random: () => number) => void

const pick = <T>(random: () => number, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)]
const anyEdge = (doc: GraphDocument, random: () => number): GraphEdge | undefined => pick(random, doc.edges)

/** One broken thing each: the validator's every code, prototype-named keys, cycles, duplicates. */
const MUTATIONS: Mutation[] = [
  (doc, r) => {
    const node = pick(r, doc.nodes)
    const name = pick(r, PROTO)!
    if (!node) return
    for (const e of doc.edges) {
      if (e.from.node === node.id) e.from.node = name
      if (e.to.node === node.id) e.to.node = name
    }
    node.id = name
  },
  (doc, r) => {
    const e = anyEdge(doc, r)
    if (e) (r() < 0.5 ? e.from : e.to).port = pick(r, [...PROTO, 'nope'])!
  },
  (doc, r) => {
    const node = pick(r, doc.nodes)
    if (node) doc.nodes.push(structuredClone(node))
  },
  (doc, r) => {
    const e = anyEdge(doc, r)
    if (e) doc.edges.push({ ...structuredClone(e), id: r() < 0.5 ? e.id : `x${doc.edges.length}` })
  },
  (doc, r) => {
    const e = anyEdge(doc, r)
    if (e) doc.edges.push({ id: `back${doc.edges.length}`, from: { node: e.to.node, port: 'out' }, to: { node: e.from.node, port: pick(r, ['a', 'b', 'data'])! } })
  },
  (doc, r) => {
    const e = anyEdge(doc, r)
    if (e) (r() < 0.5 ? e.from : e.to).node = 'ghost'
  },
  (doc, r) => {
    const node = pick(r, doc.nodes)
    if (node) node.type = pick(r, ['test.nope', 'toString', 'test.pass', 'test.add', 'test.table'])!
  },
  (doc, r) => {
    const node = pick(r, doc.nodes)
    if (!node) return
    const bad = pick(r, [{ offset: 5000 }, { offset: 'x' }, { value: 'y' }, { zzz: 1 }, { offset: 1, extra: true }])!
    if (r() < 0.3) Object.defineProperty(bad, pick(r, PROTO)!, { value: 1, enumerable: true, writable: true, configurable: true })
    node.params = bad
  },
  (doc, r) => {
    if (doc.edges.length) doc.edges.splice(Math.floor(r() * doc.edges.length), 1)
  },
  (doc, r) => {
    const from = pick(r, doc.nodes)
    const to = pick(r, doc.nodes)
    if (from && to) doc.edges.push({ id: `w${doc.edges.length}`, from: { node: from.id, port: pick(r, ['out', 'data'])! }, to: { node: to.id, port: pick(r, ['a', 'b', 'data'])! } })
  },
  (doc, r) => {
    // A table where a number goes, or a number where a table goes (through `sameAs` outputs too).
    const tables = doc.nodes.filter((n) => n.type === 'test.table' || n.type === 'test.pass')
    const numbers = doc.nodes.filter((n) => n.type === 'test.add' || n.type === 'test.const')
    const from = r() < 0.5 ? pick(r, tables) : pick(r, numbers)
    const to = from && (tables.includes(from) ? pick(r, numbers.filter((n) => n.type === 'test.add')) : pick(r, tables.filter((n) => n.type === 'test.pass')))
    if (from && to) doc.edges.unshift({ id: `t${doc.edges.length}`, from: { node: from.id, port: tables.includes(from) ? 'data' : 'out' }, to: { node: to.id, port: to.type === 'test.pass' ? 'data' : 'b' } })
  },
]

/** `count` documents: each base graph with one to three seeded mutations. */
export function planCorpus(registry: Registry, count: number, seed = 15): GraphDocument[] {
  const random = seededRandom(seed)
  const start = bases(registry)
  const out: GraphDocument[] = [...start]
  for (let i = out.length; i < count; i++) {
    const doc = structuredClone(start[i % start.length])
    for (let m = 0, n = 1 + Math.floor(random() * 3); m < n; m++) pick(random, MUTATIONS)!(doc, random)
    out.push(doc)
  }
  return out
}
