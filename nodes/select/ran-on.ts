import type { RanOn } from '../../runtime/node-api/subgraph'

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
