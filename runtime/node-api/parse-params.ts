import type { z } from 'zod'
import type { RegisteredNode } from './define-node'

type Parsed = ReturnType<z.ZodObject['safeParse']>

// Documents are updated immutably, so an unchanged node keeps its params object: parsing it
// once serves validation, keys and every later edit of other nodes.
const memo = new WeakMap<object, { def: RegisteredNode; result: Parsed }>()

/** Parses (and fills defaults of) a node's params, memoised per params object and node type. */
export function parseParams(def: RegisteredNode, params: Record<string, unknown> | undefined): Parsed {
  const obj = params ?? {}
  const hit = memo.get(obj)
  if (hit?.def === def) return hit.result
  const result = def.paramsSchema.safeParse(obj)
  memo.set(obj, { def, result })
  return result
}
