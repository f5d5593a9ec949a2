import type { z } from 'zod'
import type { RegisteredNode } from './define-node'

type Parsed = ReturnType<z.ZodObject['safeParse']>

// Documents are updated immutably, so an unchanged node keeps its params object: parsing it
// once serves validation, keys and every later edit of other nodes.
const memo = new WeakMap<object, Map<RegisteredNode, Parsed>>()

/** Parses (and fills defaults of) a node's params, memoised per params object and node type. */
export function parseParams(def: RegisteredNode, params: Record<string, unknown> | undefined): Parsed {
  const obj = params ?? {}
  let byDef = memo.get(obj)
  if (!byDef) memo.set(obj, (byDef = new Map()))
  let result = byDef.get(def)
  if (!result) byDef.set(def, (result = def.paramsSchema.safeParse(obj)))
  return result
}
