import type { RanOn } from '../../runtime/node-api/subgraph'

/** Where several nested runs (a trial's folds) ran, together. */
export function mergeRanOn(runs: readonly (RanOn | undefined)[]): RanOn {
  const pool = new Set<number>()
  const queue = new Set<string>()
  let here = false
  for (const r of runs) {
    if (!r) continue
    for (const w of r.pool) pool.add(w)
    for (const w of r.queue) queue.add(w)
    here ||= r.here
  }
  return { pool: [...pool].sort((a, b) => a - b), queue: [...queue].sort(), here }
}

/**
 * A trials table cell: "pool worker 2", "pool workers 1, 2", "queue worker box:4242", "this thread",
 * several joined by "; "; "—" when nothing ran (the trial was all cache hits).
 */
export function ranOnText({ pool, queue, here }: RanOn): string {
  const named = queue.filter(Boolean)
  const parts = [
    ...(pool.length ? [`pool worker${pool.length > 1 ? 's' : ''} ${pool.join(', ')}`] : []),
    // '' is a node the queue settled from its shared cache without naming a worker.
    ...(queue.length ? [named.length ? `queue worker${named.length > 1 ? 's' : ''} ${named.join(', ')}` : 'queue'] : []),
    ...(here ? ['this thread'] : []),
  ]
  return parts.length ? parts.join('; ') : '—'
}
