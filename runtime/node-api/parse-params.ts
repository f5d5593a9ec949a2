import type { z } from 'zod'
import type { RegisteredNode } from './define-node'

type Parsed = ReturnType<z.ZodObject['safeParse']>

/** A memoised parse; cache keys keep the params' canonical text beside it. */
export interface ParsedEntry {
  def: RegisteredNode
  result: Parsed
  canonical?: string
}

// Documents are updated immutably, so an unchanged node keeps its params object: parsing it
// once serves validation, keys and every later edit of other nodes. One entry per params
// object: on a freshly loaded 10 000-node graph, WeakMap inserts cost more than the parses.
const memo = new WeakMap<object, ParsedEntry>()

/** The memo entry of a node's params (parsed, defaults filled in) for this node type. */
export function parsedEntry(def: RegisteredNode, params: Record<string, unknown> | undefined): ParsedEntry {
  const obj = params ?? {}
  let entry = memo.get(obj)
  if (entry?.def !== def) memo.set(obj, (entry = { def, result: def.paramsSchema.safeParse(obj) }))
  return entry
}

/** Parses (and fills defaults of) a node's params, memoised per params object and node type. */
export function parseParams(def: RegisteredNode, params: Record<string, unknown> | undefined): Parsed {
  return parsedEntry(def, params).result
}
