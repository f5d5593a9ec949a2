import { GROUP_TYPE, type GraphDocument, type GraphNode } from '../document/schema'
import { isGroup, MAX_GROUP_DEPTH, type Flattened } from '../graph/groups'
import { messages, type Diagnostic } from './diagnostics'

/**
 * What is wrong with the groups themselves (a body on the wrong node, ports naming nodes outside
 * the group, twice-used output names, too deep a nesting, wires to ports a group lacks). The
 * flat graph's own problems are found by validating `flat`.
 */
export function groupDiagnostics(doc: Pick<GraphDocument, 'nodes'>, flat: Flattened): Diagnostic[] {
  const out: Diagnostic[] = []
  const stack: { nodes: GraphNode[]; at: string; depth: number }[] = [{ nodes: doc.nodes, at: '', depth: 0 }]
  while (stack.length) {
    const { nodes, at, depth } = stack.pop()!
    nodes.forEach((node, i) => {
      const path = `${at}nodes[${i}]`
      if ((node.type === GROUP_TYPE) !== (node.group !== undefined)) {
        out.push(error('group-body', path, node.id, messages['group-body'](node.id, node.type)))
      }
      if (!isGroup(node)) return
      if (depth >= MAX_GROUP_DEPTH) {
        out.push(error('group-too-deep', path, node.id, messages['group-too-deep'](node.id, MAX_GROUP_DEPTH)))
        return
      }
      out.push(...portProblems(node as GraphNode & { group: NonNullable<GraphNode['group']> }, path))
      stack.push({ nodes: node.group!.nodes, at: `${path}.group.`, depth: depth + 1 })
    })
  }
  for (const u of flat.unknownPorts) {
    const ports = flat.groups.get(u.group)
    const known = [...((u.dir === 'input' ? ports?.inputs : ports?.outputs)?.keys() ?? [])]
    const message = messages['unknown-port'](u.group, GROUP_TYPE, u.port, u.dir, known)
    out.push({ code: 'unknown-port', path: u.path, message, severity: 'error', edgeId: u.edge.id })
  }
  return out
}

function portProblems(node: GraphNode & { group: NonNullable<GraphNode['group']> }, path: string): Diagnostic[] {
  const out: Diagnostic[] = []
  const inner = new Set(node.group.nodes.map((n) => n.id))
  const outputs = new Set<string>()
  for (const dir of ['inputs', 'outputs'] as const) {
    node.group[dir].forEach((p, j) => {
      const at = `${path}.group.${dir}[${j}]`
      if (!inner.has(p.node)) out.push(error('group-port', `${at}.node`, node.id, messages['group-port'](node.id, p.name, p.node)))
      if (dir !== 'outputs') return
      if (outputs.has(p.name)) out.push(error('group-port-twice', `${at}.name`, node.id, messages['group-port-twice'](node.id, p.name)))
      outputs.add(p.name)
    })
  }
  return out
}

const error = (code: Diagnostic['code'], path: string, nodeId: string, message: string): Diagnostic => ({
  code,
  path,
  message,
  severity: 'error',
  nodeId,
})

/** Rewrites a flat graph's diagnostic paths (`nodes[7]…`) to where that node or edge sits in the grouped document. */
export function relocate(d: Diagnostic, flat: Flattened): Diagnostic {
  const m = /^(nodes|edges)\[(\d+)\]/.exec(d.path)
  if (!m) return d
  const original = (m[1] === 'nodes' ? flat.nodePaths : flat.edgePaths)[Number(m[2])]
  return original === undefined ? d : { ...d, path: original + d.path.slice(m[0].length) }
}
