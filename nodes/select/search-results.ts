import type { Figure } from '../../runtime/values/figure'
import type { TrialResult } from '../../ml/select/search'
import { describePoint, type Dimension } from '../../ml/select/space'
import { resultsTable } from './table'

/**
 * One row per trial: its number, (rung and resource,) the params tried, the score, cached or ran,
 * where it ran (pool or queue workers, this thread; "—": nowhere, it was cached), seconds.
 */
export function trialsTable(space: readonly Dimension[], results: readonly TrialResult[], metric: string, halving: boolean) {
  const names = space.map((d) => `${d.node}.${d.param}`)
  const rows = results.map((r) => {
    const point = describePoint(space, r.point)
    return [
      r.trial,
      ...(halving ? [r.rung, r.resource!] : []),
      ...names.map((n) => (typeof point[n] === 'boolean' ? String(point[n]) : (point[n] as number | string))),
      r.score,
      r.status === 'error' ? `error: ${r.error}` : r.status,
      r.ranOn ?? '—',
      Math.round(r.ms) / 1000,
    ]
  })
  return resultsTable(['trial', ...(halving ? ['rung', 'resource'] : []), ...names, metric, 'status', 'ran on', 'seconds'], rows)
}

/** Score per trial (points) and the best so far (a line). */
export function searchChart(results: readonly TrialResult[], metric: string, maximize: boolean): Figure {
  const ok = results.filter((r) => !Number.isNaN(r.score))
  const bestSoFar: number[] = []
  for (const r of ok) {
    const prev = bestSoFar.at(-1)
    bestSoFar.push(prev === undefined ? r.score : maximize ? Math.max(prev, r.score) : Math.min(prev, r.score))
  }
  const x = ok.map((r) => r.trial)
  return {
    kind: 'figure',
    chart: 'line',
    title: `${metric} per trial`,
    xLabel: 'trial',
    yLabel: metric,
    series: [
      { name: metric, x, y: ok.map((r) => r.score), mode: 'points' },
      { name: 'best so far', x, y: bestSoFar, mode: 'line' },
    ],
    summary: { trials: results.length, failed: results.length - ok.length },
    notes: results.length > ok.length ? [`${results.length - ok.length} failed trials are not drawn; the trials table says why.`] : [],
  }
}
