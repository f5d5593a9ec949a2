/** A number as people read it in a badge: 3 significant digits, integers whole. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (Number.isInteger(v)) return v.toLocaleString('en-US')
  const abs = Math.abs(v)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return v.toExponential(2)
  return String(Number(v.toPrecision(3)))
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/**
 * Time left for a running node at a steady pace: elapsed × (1 − done) / done. Undefined until
 * there is something to extrapolate from (2 % done and a second gone), so it never shows a guess
 * from the first, slowest steps.
 */
export function etaMs(elapsedMs: number, fraction: number | undefined): number | undefined {
  if (fraction === undefined || fraction < 0.02 || fraction >= 1 || elapsedMs < 1000) return undefined
  return (elapsedMs * (1 - fraction)) / fraction
}

/** A time-left estimate in whole seconds ("57 s", "2 min 5 s"): tenths would claim a precision it has not. */
export function formatEta(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000))
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'string') return v.length > 40 ? v.slice(0, 39) + '…' : v
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  return undefined
}

/**
 * A node summary as short label/value lines: a table reads "150 rows × 5 cols", splits read
 * "train 105 · test 45", metrics list their scalars. Nested summaries (one per port) flatten.
 */
export function summaryLines(summary: Record<string, unknown> | undefined, limit = 4): [string, string][] {
  if (!summary) return []
  const s = summary
  if (typeof s.rows === 'number' && typeof s.columns === 'number') {
    const lines: [string, string][] = [['table', `${formatNumber(s.rows)} rows × ${s.columns} cols`]]
    if (typeof s.target === 'string') lines.push(['target', s.target])
    // What Task = auto will train for, and the loader's warnings (dirty cells), kept with the cached result.
    if (typeof s.task === 'string') lines.push(['task', s.task])
    if (Array.isArray(s.warnings) && s.warnings.length) lines.push(['warnings', `${s.warnings.length}: ${String(s.warnings[0])}`])
    return lines
  }
  if (typeof s.train === 'number') {
    const parts = ['train', 'validation', 'test'].filter((k) => typeof s[k] === 'number').map((k) => `${k} ${formatNumber(s[k] as number)}`)
    return [['splits', parts.join(' · ')]]
  }
  const out: [string, string][] = []
  for (const [k, v] of Object.entries(s)) {
    const t = text(v)
    if (t !== undefined) out.push([k, t])
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [label, value] of summaryLines(v as Record<string, unknown>, limit)) out.push([label === 'table' ? k : label, value])
    }
    if (out.length >= limit) break
  }
  return out.slice(0, limit)
}

/** Names joined by commas, cut after the first `max` with how many more (a model of 1 467 one-hot features). */
export function nameList(names: readonly string[], max = 12): string {
  if (names.length <= max) return names.join(', ')
  return `${names.slice(0, max).join(', ')} … and ${formatNumber(names.length - max)} more`
}
