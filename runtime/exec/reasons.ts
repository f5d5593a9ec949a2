import { canonicalJson } from '../keys/canonical'
import type { Recipe } from '../keys/cache-keys'

function changed(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...names].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort()
}

/**
 * Says in a few words why a node has to run, comparing what it needs now with what it last
 * ran with in this graph. Users can always tell why something re-ran.
 */
export function explainMiss(current: Recipe, previous: Recipe | undefined, corrupt = false): string {
  if (corrupt) return 'unreadable cache entry'
  if (!previous) return 'no cache entry'
  if (previous.type !== current.type) return `node type changed: ${previous.type} → ${current.type}`
  if (previous.version !== current.version) return `node version changed: ${previous.version} → ${current.version}`
  const params = changed(current.params, previous.params)
  if (params.length) return `params changed: ${params.join(', ')}`
  const files = changed(current.files, previous.files)
  if (files.length) return `file changed: ${files.join(', ')}`
  const inputs = changed(current.inputs, previous.inputs)
  if (inputs.length) return `input changed: ${inputs.join(', ')}`
  return 'no cache entry (evicted or cleared)'
}
