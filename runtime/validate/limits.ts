import { formatPath } from './paths'

/**
 * Sizes a graph document may have. Beyond them a document is refused at load with a sentence,
 * instead of loading and then overflowing the stack in Save, Share or the worker's postMessage
 * (JSON.stringify and structured clone recurse; about 5 000 levels overflow them).
 */
export const DOCUMENT_LIMITS = {
  /** Levels of nested objects/arrays, counted from the document root (a node's params sit at 4). */
  depth: 64,
  nodes: 20_000,
  edges: 60_000,
} as const

export interface LimitProblem {
  path: string
  message: string
}

/** Checks a parsed document's nesting depth and node/edge counts without recursion. */
export function checkDocumentLimits(raw: unknown): LimitProblem | undefined {
  const doc = raw as { nodes?: unknown; edges?: unknown }
  for (const part of ['nodes', 'edges'] as const) {
    const list = doc[part]
    const limit = DOCUMENT_LIMITS[part]
    if (Array.isArray(list) && list.length > limit) {
      return { path: part, message: `The graph has ${list.length} ${part}; the limit is ${limit}.` }
    }
  }
  const deep = tooDeep(raw, DOCUMENT_LIMITS.depth)
  if (!deep) return undefined
  return {
    path: formatPath(deep),
    message: `Nested more than ${DOCUMENT_LIMITS.depth} levels deep; a graph document may nest at most ${DOCUMENT_LIMITS.depth} levels.`,
  }
}

/** The path to the first value nested deeper than `limit`, or undefined. */
function tooDeep(root: unknown, limit: number): PropertyKey[] | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }]
  while (stack.length) {
    const { value, path } = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    if (path.length >= limit) return path
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }))
    else for (const k of Object.keys(value)) stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] })
  }
  return undefined
}
