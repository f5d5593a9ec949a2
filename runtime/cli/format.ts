import type { NodeEvent, RunReport } from '../exec/events'
import type { Summary } from '../values/summary'

/** `rows=150 columns=5` or `accuracy=0.9333`: a summary on one line; a list (a loader's notes) as its items. */
export function formatSummary(summary: Summary | undefined): string {
  if (!summary) return ''
  return Object.entries(summary)
    .map(([k, v]) => {
      if (typeof v === 'number') return `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`
      if (Array.isArray(v)) return `${k}=${v.map((item) => (item && typeof item === 'object' ? `{${formatSummary(item as Summary)}}` : String(item))).join(' | ')}`
      if (v && typeof v === 'object') return `${k}={${formatSummary(v as Summary)}}`
      return `${k}=${String(v)}`
    })
    .join(' ')
}

const ms = (n: number) => (n < 1000 ? `${n.toFixed(0)} ms` : `${(n / 1000).toFixed(2)} s`)

/** One human line per node event worth printing (queued events are not). */
export function formatEvent(e: NodeEvent, type: string): string | undefined {
  const head = `${e.nodeId} (${type})`
  switch (e.type) {
    case 'running':
      return `▶ ${head} running: ${e.reason}`
    case 'done':
      return `✓ ${head} ran in ${ms(e.ms)}  ${formatSummary(e.summary)}`
    case 'cached':
      return `= ${head} cached  ${formatSummary(e.summary)}`
    case 'error':
      return `✗ ${head} error: ${e.message}`
    case 'blocked':
      return `- ${head} blocked by ${e.by}`
    case 'cancelled':
      return `- ${head} cancelled`
    case 'progress':
      return `  ${head} ${Number.isFinite(e.fraction) ? `${Math.round(e.fraction * 100)}% ` : ''}${e.message ?? ''}`
    default:
      return undefined
  }
}

export function formatTotals(report: RunReport): string {
  const errors = Object.values(report.nodes).filter((n) => n.status === 'error' || n.status === 'blocked').length
  return `${report.ran} ran, ${report.cached} cached, ${errors} failed in ${ms(report.ms)} on ${report.backend}`
}
