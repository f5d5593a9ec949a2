import type { z } from 'zod'
import type { RegisteredNode } from './define-node'
import { fastParams } from './params-fast-path'

type Parsed = ReturnType<z.ZodObject['safeParse']>

/** A parse of a node's params, for this node type. */
export interface ParsedEntry {
  def: RegisteredNode
  result: Parsed
}

// Documents are updated immutably, so an unchanged node keeps its params object: parsing it
// once serves validation, keys and every later edit of other nodes. One entry per params
// object: on a freshly loaded 10 000-node graph, WeakMap inserts cost more than the parses.
const memo = new WeakMap<object, ParsedEntry>()

/**
 * The parse of a node's params (defaults filled in) for this node type. Params the fast path
 * accepts are parsed afresh each time (cheaper than a memo entry); the rest go through zod once per object.
 */
export function parsedEntry(def: RegisteredNode, params: Record<string, unknown> | undefined): ParsedEntry {
  const obj = params ?? {}
  const data = fastParams(def)?.parse(obj)
  if (data) return { def, result: { success: true, data } as Parsed }
  let entry = memo.get(obj)
  if (entry?.def !== def) memo.set(obj, (entry = { def, result: def.paramsSchema.safeParse(obj) }))
  return entry
}

/** Parses (and fills defaults of) a node's params. */
export function parseParams(def: RegisteredNode, params: Record<string, unknown> | undefined): Parsed {
  return parsedEntry(def, params).result
}
