import type { Figure } from '../../runtime/values/figure'

/** Helpers every figure node uses: a point budget and the Figure shell. */

/** Most points a figure sends to the viewer; more would slow the UI without showing more. */
export const MAX_POINTS = 5000

/**
 * Row indices to draw: all rows, or `max` rows evenly spaced over the table. Deterministic
 * (no seed needed) and, unlike taking the first rows, fair to tables sorted by class.
 */
export function displayRows(rows: number, max = MAX_POINTS): number[] {
  if (rows <= max) return Array.from({ length: rows }, (_, i) => i)
  return Array.from({ length: max }, (_, i) => Math.floor((i * rows) / max))
}

/** The note a figure carries when it shows a sample. */
export function sampleNote(shown: number, rows: number): string[] {
  return shown < rows ? [`Showing ${shown} of ${rows} points, evenly spaced over the rows.`] : []
}

/** A figure with empty optional parts filled in. */
export function figure(f: Omit<Figure, 'kind' | 'notes'> & { notes?: string[] }): Figure {
  return { kind: 'figure', ...f, notes: f.notes ?? [] }
}

/** Rounds for legends and summaries (AUC 0.9731 reads better than 0.973148...). */
export const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits
