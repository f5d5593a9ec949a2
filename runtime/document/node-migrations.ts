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
  let changed = false
  const nodes = doc.nodes.map((node, i) => {
    const def = registry.get(node.type)
    if (!def || node.version === undefined || node.version === def.version) return node
    const path = `nodes[${i}].version`
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
  return { doc: changed ? { ...doc, nodes } : doc, diagnostics }
}

/** Node type → its current version: the registry, or the editor's node descriptors. */
export interface VersionLookup {
  get(type: string): { version: number } | undefined
}

/** The document with each known node stamped with its type's current version, as Save writes it. */
export function stampVersions(doc: GraphDocument, registry: VersionLookup): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, version: registry.get(n.type)?.version ?? n.version })) }
}
