import { GROUP_TYPE, type GraphDocument } from '../document/schema'
import { flattenLevel } from '../graph/groups'
import { buildTopology, findCycle, topologicalOrder, type Topology } from '../graph/topology'
import { parseParams } from '../node-api/parse-params'
import type { ConnectedInput } from '../node-api/define-node'
import { portsCompatible } from '../node-api/ports'
import type { Registry } from '../registry'
import { messages, type Diagnostic, type DiagnosticCode } from './diagnostics'
import { groupDiagnostics, relocate } from './groups'
import { own } from './own'
import { formatPath } from './paths'
import { outputTypeResolver } from './port-types'

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

function validateFlat(doc: GraphDocument, registry: Registry, topo: Topology): Diagnostic[] {
  const out: Diagnostic[] = []
  const nodeIndex = new Map<string, number>()

  doc.nodes.forEach((node, i) => {
    if (nodeIndex.has(node.id)) out.push(diag('duplicate-node-id', `nodes[${i}].id`, { nodeId: node.id }, node.id))
    else nodeIndex.set(node.id, i)
  })
  const edgeIds = new Set<string>()
  doc.edges.forEach((edge, i) => {
    if (edgeIds.has(edge.id)) out.push(diag('duplicate-edge-id', `edges[${i}].id`, { edgeId: edge.id }, edge.id))
    edgeIds.add(edge.id)
  })

  const resolveOutput = outputTypeResolver(doc, registry, topo)
  const connected = new Map<string, Record<string, ConnectedInput>>()

  doc.edges.forEach((edge, i) => {
    const ref = { edgeId: edge.id }
    const from = doc.nodes[nodeIndex.get(edge.from.node) ?? -1]
    const to = doc.nodes[nodeIndex.get(edge.to.node) ?? -1]
    if (!from) out.push(diag('dangling-edge', edgePath(i, 'from.node'), ref, 'from', edge.from.node))
    if (!to) out.push(diag('dangling-edge', edgePath(i, 'to.node'), ref, 'to', edge.to.node))
    if (!from || !to) return
    const fromDef = registry.get(from.type)
    const toDef = registry.get(to.type)
    if (!fromDef || !toDef) return
    const outPort = own(fromDef.outputs, edge.from.port)
    const inPort = own(toDef.inputs, edge.to.port)
    if (!outPort) {
      const known = Object.keys(fromDef.outputs)
      out.push(diag('unknown-port', edgePath(i, 'from.port'), ref, from.id, from.type, edge.from.port, 'output', known))
    }
    if (!inPort) {
      const known = Object.keys(toDef.inputs)
      out.push(diag('unknown-port', edgePath(i, 'to.port'), ref, to.id, to.type, edge.to.port, 'input', known))
    }
    if (!outPort || !inPort) return
    const produced = resolveOutput(from.id, edge.from.port)
    if (!portsCompatible(produced, inPort.types)) {
      out.push(diag('incompatible-ports', edgePath(i, 'to'), { ...ref, nodeId: to.id }, produced.join(' or '), inPort.types.join(' or ')))
      return
    }
    // The topology keeps the first wire into each input; any other wire there is one too many.
    if (topo.inputs.get(to.id)!.get(edge.to.port) !== edge) {
      out.push(diag('input-taken', edgePath(i, 'to'), { ...ref, nodeId: to.id }, to.id, edge.to.port))
      return
    }
    const ports = connected.get(to.id) ?? {}
    ports[edge.to.port] = {
      types: produced.filter((t) => inPort.types.includes(t)),
      nodeType: from.type,
      title: fromDef.title,
      traits: fromDef.traits ?? [],
    }
    connected.set(to.id, ports)
  })

  doc.nodes.forEach((node, i) => {
    const def = registry.get(node.type)
    const ref = { nodeId: node.id }
    if (!def) {
      out.push(diag('unknown-node-type', `nodes[${i}].type`, ref, node.type))
      return
    }
    const wired = connected.get(node.id) ?? {}
    const wires = topo.inputs.get(node.id)!
    for (const name in def.inputs) {
      if (!def.inputs[name].optional && !wires.has(name)) out.push(diag('missing-input', `nodes[${i}]`, ref, node.id, name))
    }
    const parsed = parseParams(def, node.params)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const isUnknown = issue.code === 'unrecognized_keys'
        const keys = isUnknown ? issue.keys : [undefined]
        for (const key of keys) {
          const path = formatPath(['nodes', i, 'params', ...issue.path, ...(key ? [key] : [])])
          const text = isUnknown ? `unknown param (known: ${Object.keys(def.params).join(', ')})` : issue.message
          out.push(diag('invalid-param', path, ref, text))
        }
      }
      return
    }
    for (const problem of def.check?.(parsed.data, wired) ?? []) {
      out.push(diag('node-check', `nodes[${i}]`, ref, problem))
    }
  })

  const { leftover } = topologicalOrder(topo)
  if (leftover.length) {
    const cycle = findCycle(topo, leftover) ?? leftover
    out.push(diag('cycle', 'edges', { nodeId: cycle[0] }, cycle))
  }
  return out
}
