import { readFileSync, readdirSync } from 'node:fs'
import { createRegistry } from '../../../nodes'
import type { GraphDocument } from '../../../runtime/document/schema'
import { definedPorts, groupSelection } from '../../../runtime/graph/group-edit'
import { flattenGroups } from '../../../runtime/graph/groups'
import { computeKeys } from '../../../runtime/keys/cache-keys'

const read = (file: string) => JSON.parse(readFileSync(`examples/${file}`, 'utf8')) as GraphDocument

/**
 * Graphs whose cache keys must never change (saved caches stay valid): every example (the
 * registry's node kinds, their params and seeds), the logistic-regression example inside nested
 * groups, and a CSV pipeline keyed with a file hash and one key fixed from outside.
 */
export function keyedGraphs(): { name: string; doc: GraphDocument; files?: Map<string, Record<string, string>>; fixed?: Map<string, string> }[] {
  const registry = createRegistry()
  const examples = readdirSync('examples').filter((f) => f.endsWith('.json')).sort()
  const graphs: ReturnType<typeof keyedGraphs> = examples.map((file) => ({ name: file, doc: read(file) }))
  const flat = read('iris-logistic-regression.json')
  const ports = definedPorts(registry)
  const inner = { ...flat, ...groupSelection(flat, ['scale', 'spec', 'opt', 'train', 'predict'], 'model', ports) }
  graphs.push({ name: 'nested groups', doc: { ...inner, ...groupSelection(inner, ['model', 'metrics'], 'evaluate', ports) } })
  const csv: GraphDocument = {
    ...flat,
    nodes: flat.nodes.map((n) => (n.id === 'iris' ? { id: 'iris', type: 'data.csv', params: { path: 'iris.csv', target: 'species' } } : n)),
  }
  graphs.push({
    name: 'csv with a file hash and a fixed key',
    doc: csv,
    files: new Map([['iris', { path: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }]]),
    fixed: new Map([['spec', 'a key "fixed" from outside\\']]),
  })
  return graphs
}

/** `id=key` of every node the graph keys, in the order computeKeys gives them. */
export function keyLines(graph: ReturnType<typeof keyedGraphs>[number]): string[] {
  const registry = createRegistry()
  const doc = flattenGroups(graph.doc)
  const keys = computeKeys(doc, registry, graph.files ?? new Map(), undefined, graph.fixed ?? new Map())
  return [...keys].map(([id, k]) => `${id}=${k.key}`)
}
