import type { z } from 'zod'
import type { RegisteredNode } from './define-node'
import { fastParams } from './params-fast-path'

type Parsed = ReturnType<z.ZodObject['safeParse']>

/** A zod parse of a node's params, for this node type. */
interface ParsedEntry {
  def: RegisteredNode
  result: Parsed
}

// Documents are updated immutably, so an unchanged node keeps its params object: parsing it
// once serves validation, keys and every later edit of other nodes. One entry per params
// object: on a freshly loaded 10 000-node graph, WeakMap inserts cost more than the parses.
const memo = new WeakMap<object, ParsedEntry>()

function zodParse(def: RegisteredNode, obj: object): Parsed {
  let entry = memo.get(obj)
  if (entry?.def !== def) memo.set(obj, (entry = { def, result: def.paramsSchema.safeParse(obj) }))
  return entry.result
}

/**
 * Parses (and fills defaults of) a node's params. Params the fast path accepts are parsed afresh
 * each time (cheaper than a memo entry); the rest go through zod once per params object.
 */
export function parseParams(def: RegisteredNode, params: Record<string, unknown> | undefined): Parsed {
  const obj = params ?? {}
  const data = fastParams(def)?.parse(obj)
  return data ? ({ success: true, data } as Parsed) : zodParse(def, obj)
}

/** A node's parsed params, or undefined when they are invalid. */
export function paramsData(def: RegisteredNode, params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const obj = params ?? {}
  const data = fastParams(def)?.parse(obj)
  if (data) return data
  const parsed = zodParse(def, obj)
  return parsed.success ? parsed.data : undefined
}

/** Whether a node's params are valid, without keeping their parse when the fast path can tell. */
export function paramsValid(def: RegisteredNode, params: Record<string, unknown> | undefined): boolean {
  const obj = params ?? {}
  return fastParams(def)?.accepts(obj) || zodParse(def, obj).success
}
