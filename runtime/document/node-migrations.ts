import { MAX_GROUP_DEPTH } from '../graph/groups'
import type { Registry } from '../registry'
import { messages, type Diagnostic } from '../validate/diagnostics'
import type { GraphDocument, GraphNode } from './schema'

/**
 * Brings every node saved by an older version of its type up to date with the type's
 * `migrate`, and says so per node (an info diagnostic). A node without a saved version is
 * read as current; unknown types are left for validation to report.
 */
export function migrateNodes(doc: GraphDocument, registry: Registry): { doc: GraphDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const nodes = migrateLevel(doc.nodes, registry, diagnostics, '', 0)
  return { doc: nodes === doc.nodes ? doc : { ...doc, nodes }, diagnostics }
}

/** One level's nodes migrated (groups' inner nodes too); the same array when nothing changed. */
function migrateLevel(list: GraphNode[], registry: Registry, diagnostics: Diagnostic[], prefix: string, depth: number): GraphNode[] {
  let changed = false
  const nodes = list.map((node, i) => {
    if (node.group && depth < MAX_GROUP_DEPTH) {
      const inner = migrateLevel(node.group.nodes, registry, diagnostics, `${prefix}nodes[${i}].group.`, depth + 1)
      if (inner === node.group.nodes) return node
      changed = true
      return { ...node, group: { ...node.group, nodes: inner } }
    }
    const def = registry.get(node.type)
    if (!def || node.version === undefined || node.version === def.version) return node
    const path = `${prefix}nodes[${i}].version`
    const at = { path, nodeId: node.id }
    if (node.version > def.version) {
      diagnostics.push({ code: 'node-newer', severity: 'warning', message: messages['node-newer'](node.id, node.type, node.version, def.version), ...at })
      return node
    }
    try {
      const params = def.migrate ? def.migrate(structuredClone(node.params), node.version) : node.params
      diagnostics.push({ code: 'node-migrated', severity: 'info', message: messages['node-migrated'](node.id, node.type, node.version, def.version), ...at })
      changed = true
      return { ...node, params, version: def.version } satisfies GraphNode
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e)
      diagnostics.push({ code: 'migration-failed', severity: 'error', message: messages['migration-failed'](node.id, node.type, node.version, detail), ...at })
      return node
    }
  })
  return changed ? nodes : list
}

/** Node type → its current version: the registry, or the editor's node descriptors. */
export interface VersionLookup {
  get(type: string): { version: number } | undefined
}

/** The document with each known node stamped with its type's current version, as Save writes it. */
export function stampVersions(doc: GraphDocument, registry: VersionLookup): GraphDocument {
  return { ...doc, nodes: stampLevel(doc.nodes, registry, 0) }
}

function stampLevel(nodes: GraphNode[], registry: VersionLookup, depth: number): GraphNode[] {
  return nodes.map((n) =>
    n.group && depth < MAX_GROUP_DEPTH
      ? { ...n, group: { ...n.group, nodes: stampLevel(n.group.nodes, registry, depth + 1) } }
      : { ...n, version: registry.get(n.type)?.version ?? n.version },
  )
}
