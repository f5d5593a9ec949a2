import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { Registry } from '../../../runtime/registry'

const GRAPHS = fileURLToPath(new URL('../graphs/', import.meta.url))

/** A bench graph from tests/bench/graphs/<name>.json (a fresh copy each call). */
export function benchGraph(name: string): GraphDocument {
  return JSON.parse(readFileSync(join(GRAPHS, `${name}.json`), 'utf8')) as GraphDocument
}

/** A copy of the document with some params changed: { nodeId: { param: value } }. */
export function withParams(doc: GraphDocument, edits: Record<string, Record<string, unknown>>): GraphDocument {
  for (const id of Object.keys(edits)) {
    if (!doc.nodes.some((n) => n.id === id)) throw new Error(`bench graph has no node "${id}"`)
  }
  return { ...doc, nodes: doc.nodes.map((n) => (edits[n.id] ? { ...n, params: { ...n.params, ...edits[n.id] } } : n)) }
}

/** Node types the graph uses that the registry does not have (yet). */
export function missingTypes(doc: GraphDocument, registry: Registry): string[] {
  return [...new Set(doc.nodes.map((n) => n.type).filter((t) => !registry.get(t)))]
}

export async function writeGraph(dir: string, name: string, doc: GraphDocument): Promise<string> {
  const path = join(dir, `${name}.json`)
  await writeFile(path, JSON.stringify(doc, null, 2))
  return path
}

/** The id of the one node of a type in a bench graph. */
export function nodeOfType(doc: GraphDocument, type: string): string {
  const found = doc.nodes.filter((n) => n.type === type)
  if (found.length !== 1) throw new Error(`bench graph needs exactly one ${type} node, has ${found.length}`)
  return found[0].id
}
