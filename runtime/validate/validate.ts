import { GROUP_TYPE, type GraphDocument, type GraphEdge, type GraphNode } from '../document/schema'
import { flattenLevel } from '../graph/groups'
import { IdIndex } from '../graph/id-index'
import { findCycle, topologicalOrder } from '../graph/order'
import { buildTopology, wireAt, type Topology } from '../graph/topology'
import { paramsValid, parseParams } from '../node-api/parse-params'
import type { ConnectedInput, RegisteredNode } from '../node-api/define-node'
import { portsCompatible } from '../node-api/ports'
import type { Registry } from '../registry'
import { messages, type Diagnostic, type DiagnosticCode } from './diagnostics'
import { groupDiagnostics, relocate } from './groups'
import { own } from './own'
import { formatPath } from './paths'
import { indexedTypeResolver, lastWithId } from './port-types'

type Args<C extends DiagnosticCode> = Parameters<(typeof messages)[C]>

function diag<C extends DiagnosticCode>(
  code: C,
  path: string,
  extra: Partial<Diagnostic>,
  ...args: Args<C>
): Diagnostic {
  const message = (messages[code] as (...a: Args<C>) => string)(...args)
  return { code, path, message, severity: 'error', ...extra }
}

// Module level, not a closure per edge: tsx (the CLI) names every arrow function it creates.
const edgePath = (i: number, end: string) => `edges[${i}].${end}`
// Built only for a diagnostic: most of 20 000 edges have none.
const edgeRef = (edge: GraphEdge) => ({ edgeId: edge.id })
const nodeRef = (node: GraphNode) => ({ nodeId: node.id })

/**
 * Checks a schema-valid document against the registry and returns every problem found.
 * Never throws: a broken document yields diagnostics, not a crash. A document with groups is
 * checked as its flat graph (paths point back into the groups) plus the groups' own rules.
 */
export function validateGraph(doc: GraphDocument, registry: Registry, topo?: Topology): Diagnostic[] {
  if (!doc.nodes.some((n) => n.type === GROUP_TYPE || n.group)) return validateFlat(doc, registry, topo ?? buildTopology(doc))
  const flat = flattenLevel(doc.nodes, doc.edges)
  const flatDoc = { ...doc, nodes: flat.nodes, edges: flat.edges }
  // A group left in the flat graph (no body, or too deep) is reported by the group rules alone.
  const inner = validateFlat(flatDoc, registry, buildTopology(flatDoc))
    .filter((d) => !(d.code === 'unknown-node-type' && flatDoc.nodes.some((n) => n.id === d.nodeId && n.type === GROUP_TYPE)))
    .map((d) => relocate(d, flat))
  return [...groupDiagnostics(doc, flat), ...inner]
}

/** Per-document lookups the edge and node passes share, by node index. */
interface Pass {
  doc: GraphDocument
  topo: Topology
  defs: (RegisteredNode | undefined)[]
  resolve: ReturnType<typeof indexedTypeResolver>
  /** edge → 1 when it passed every check (what a node's `check` sees as wired). */
  accepted: Uint8Array
  /** Whether some node ids repeat. */
  repeats: boolean
  out: Diagnostic[]
}

function validateFlat(doc: GraphDocument, registry: Registry, topo: Topology): Diagnostic[] {
  const out: Diagnostic[] = []
  let repeats = false
  const defs = doc.nodes.map((node, i) => {
    if (topo.canon[i] !== i) (repeats = true), out.push(diag('duplicate-node-id', `nodes[${i}].id`, { nodeId: node.id }, node.id))
    return registry.get(node.type)
  })
  for (const i of new IdIndex(doc.edges.length, (e) => doc.edges[e].id).repeats()) {
    const { id } = doc.edges[i]
    out.push(diag('duplicate-edge-id', `edges[${i}].id`, { edgeId: id }, id))
  }
  const last = repeats ? lastWithId(topo) : undefined
  const resolve = indexedTypeResolver(topo, last ? (i) => defs[last[i]]?.outputs : (i) => defs[i]?.outputs)
  const pass: Pass = { doc, topo, defs, resolve, accepted: new Uint8Array(doc.edges.length), repeats, out }
  for (let e = 0; e < doc.edges.length; e++) checkEdge(pass, e)
  for (let i = 0; i < doc.nodes.length; i++) checkNode(pass, i)
  const { leftover } = topologicalOrder(topo)
  if (leftover.length) {
    const cycle = findCycle(topo, leftover) ?? leftover
    out.push(diag('cycle', 'edges', { nodeId: cycle[0] }, cycle))
  }
  return out
}

function checkEdge({ doc, topo, defs, resolve, accepted, repeats, out }: Pass, i: number): void {
  const edge = doc.edges[i]
  const fi = topo.edgeFrom[i]
  const ti = topo.edgeTo[i]
  if (fi < 0) out.push(diag('dangling-edge', edgePath(i, 'from.node'), edgeRef(edge), 'from', edge.from.node))
  if (ti < 0) out.push(diag('dangling-edge', edgePath(i, 'to.node'), edgeRef(edge), 'to', edge.to.node))
  if (fi < 0 || ti < 0) return
  const fromDef = defs[fi]
  const toDef = defs[ti]
  if (!fromDef || !toDef) return
  const from = doc.nodes[fi]
  const to = doc.nodes[ti]
  const outPort = own(fromDef.outputs, edge.from.port)
  const inPort = own(toDef.inputs, edge.to.port)
  if (!outPort) {
    const known = Object.keys(fromDef.outputs)
    out.push(diag('unknown-port', edgePath(i, 'from.port'), edgeRef(edge), from.id, from.type, edge.from.port, 'output', known))
  }
  if (!inPort) {
    const known = Object.keys(toDef.inputs)
    out.push(diag('unknown-port', edgePath(i, 'to.port'), edgeRef(edge), to.id, to.type, edge.to.port, 'input', known))
  }
  if (!outPort || !inPort) return
  // A plain output carries what it declares; a `sameAs` output is followed through the wiring (and where
  // ids repeat, an output's types are read from the last node with the id).
  const produced = outPort.sameAs || repeats ? resolve(fi, edge.from.port) : outPort.types
  if (!portsCompatible(produced, inPort.types)) {
    out.push(diag('incompatible-ports', edgePath(i, 'to'), { edgeId: edge.id, nodeId: to.id }, produced.join(' or '), inPort.types.join(' or ')))
    return
  }
  // The topology keeps the first wire into each input; any other wire there is one too many.
  if (wireAt(topo, ti, edge.to.port) !== edge) {
    out.push(diag('input-taken', edgePath(i, 'to'), { edgeId: edge.id, nodeId: to.id }, to.id, edge.to.port))
    return
  }
  accepted[i] = 1
}

function checkNode(pass: Pass, i: number): void {
  const { doc, topo, defs, out } = pass
  const node = doc.nodes[i]
  const def = defs[i]
  if (!def) {
    out.push(diag('unknown-node-type', `nodes[${i}].type`, nodeRef(node), node.type))
    return
  }
  const at = topo.canon[i]
  for (const name in def.inputs) {
    if (!def.inputs[name].optional && !wireAt(topo, at, name)) out.push(diag('missing-input', `nodes[${i}]`, nodeRef(node), node.id, name))
  }
  if (!def.check && paramsValid(def, node.params)) return
  const parsed = parseParams(def, node.params)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const isUnknown = issue.code === 'unrecognized_keys'
      const keys = isUnknown ? issue.keys : [undefined]
      for (const key of keys) {
        const path = formatPath(['nodes', i, 'params', ...issue.path, ...(key ? [key] : [])])
        const text = isUnknown ? `unknown param (known: ${Object.keys(def.params).join(', ')})` : issue.message
        out.push(diag('invalid-param', path, nodeRef(node), text))
      }
    }
    return
  }
  for (const problem of def.check?.(parsed.data, wiredInputs(pass, at)) ?? []) {
    out.push(diag('node-check', `nodes[${i}]`, nodeRef(node), problem))
  }
}

/** What a node's `check` sees: each input whose wire passed the edge checks, with the types it carries. */
function wiredInputs({ doc, topo, defs, resolve, accepted }: Pass, at: number): Record<string, ConnectedInput> {
  const ports: Record<string, ConnectedInput> = {}
  for (let k = topo.wireStart[at]; k < topo.wireStart[at + 1]; k++) {
    const e = topo.wireList[k]
    if (!accepted[e]) continue
    const edge = doc.edges[e]
    const fi = topo.edgeFrom[e]
    const fromDef = defs[fi]!
    const inTypes = own(defs[at]!.inputs, edge.to.port)!.types
    ports[edge.to.port] = {
      types: resolve(fi, edge.from.port).filter((t) => inTypes.includes(t)),
      nodeType: doc.nodes[fi].type,
      title: fromDef.title,
      traits: fromDef.traits ?? [],
    }
  }
  return ports
}
