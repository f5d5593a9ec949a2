/** A measured figure, with the target it is held to (if any). */
export interface Figure {
  /** Key in the JSON output. */
  key: string
  label: string
  /** null: not measured; `note` says why. */
  value: number | null
  unit: 'x' | 'fraction' | 'ms' | 'MB/s' | 'MB' | 'count' | 'bool'
  target?: { op: '<=' | '<' | '>=' | '='; value: number }
  note?: string
}

/** Everything one part of the bench returns: figures for the table, details for the JSON. */
export interface PartResult {
  figures: Figure[]
  details?: Record<string, unknown>
}

export function met(f: Figure): boolean | null {
  if (f.value === null || !f.target) return null
  const { op, value } = f.target
  if (op === '<=') return f.value <= value
  if (op === '<') return f.value < value
  if (op === '>=') return f.value >= value
  return f.value === value
}

function show(value: number, unit: Figure['unit']): string {
  if (unit === 'fraction') return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)} %`
  if (unit === 'x') return `${value.toFixed(3)}×`
  if (unit === 'bool') return value ? 'yes' : 'no'
  if (unit === 'count') return String(value)
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ${unit}`
}

/** The human table: figure, value, target, met?, note. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ok = met(f)
    return [
      f.label,
      f.value === null ? '—' : show(f.value, f.unit),
      f.target ? `${f.target.op} ${show(f.target.value, f.unit)}` : '',
      ok === null ? '' : ok ? 'yes' : 'NO',
      f.note ?? '',
    ]
  })
  const head = ['figure', 'value', 'target', 'met?', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The tools' view: every figure's value by key, plus its target, whether it is met, and notes. */
export function toJson(header: { machine: string; backend: string }, parts: Record<string, PartResult>) {
  const figures = Object.values(parts).flatMap((p) => p.figures)
  const out: Record<string, unknown> = { ...header }
  const targets: Record<string, number> = {}
  const metBy: Record<string, boolean> = {}
  const notes: Record<string, string> = {}
  for (const f of figures) {
    out[f.key] = f.value
    if (f.target) targets[f.key] = f.target.value
    const ok = met(f)
    if (ok !== null) metBy[f.key] = ok
    if (f.note) notes[f.key] = f.note
  }
  const backendRatios = Object.fromEntries(
    figures.filter((f) => f.key.startsWith('backendRatio.')).map((f) => [f.key.slice('backendRatio.'.length), f.value]),
  )
  for (const k of Object.keys(backendRatios)) delete out[`backendRatio.${k}`]
  return {
    ...out,
    backendRatios,
    targets,
    met: metBy,
    notes,
    details: Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.details ?? {}])),
  }
}
