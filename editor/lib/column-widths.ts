import { textMeasure } from './canvas-2d'

/** Narrowest and widest a table column is drawn, in pixels. */
export const COL_MIN = 96
export const COL_MAX = 240
/** A cell's left and right padding, and room for a sort arrow after the name. */
const PAD = 18
const ARROW = 14
/** Rows looked at for a column's cell width: a page can hold hundreds. */
const SAMPLE_ROWS = 50

/** Text width in pixels of `text`, in the table's body font or, `bold`, its header font. */
export type Measure = (text: string, bold: boolean) => number

/** A column as the header draws it: its name, and under it (ColumnHeader's `.col-meta`) its type and role. */
export interface TableColumn {
  name: string
  type?: string
  role?: string
}

/** The narrowest a column is ever narrowed to, whatever its texts. */
const TIGHT_MIN = 64
/** The type and role line's font size (`.col-meta`, 11 px) against the measured 13 px. */
const META_SCALE = 11 / 13

/** The header's second line (ColumnHeader's `.col-meta`): type and role, as `num · feature`. */
export const metaLine = (c: TableColumn) => (c.type === undefined ? '' : `${c.type === 'numeric' ? 'num' : 'cat'} · ${c.role ?? ''}`)

/** Rows looked at, and per column the width of its name on one line, of its type line and of its widest shown cell. */
function contentWidths(columns: readonly TableColumn[], head: readonly (readonly string[])[], measure: Measure) {
  const rows = head.slice(0, SAMPLE_ROWS)
  return columns.map((c, j) => {
    let cells = 0
    for (const row of rows) cells = Math.max(cells, measure(row[j] ?? '', false))
    return { name: measure(c.name, true) + ARROW, meta: measure(metaLine(c), false) * META_SCALE, cells, slack: measure('W', true) }
  })
}

/**
 * Each column's width: room for its name on one line, or on two when that would pass COL_MAX (the
 * header wraps it; a longer one is cut, its tooltip says it in full), and for its widest shown cell.
 */
export function columnWidths(columns: readonly TableColumn[], head: readonly (readonly string[])[], measure: Measure): number[] {
  return contentWidths(columns, head, measure).map(({ name, cells, slack }) => {
    const named = name + PAD <= COL_MAX ? name + PAD : name / 2 + PAD + slack
    return Math.ceil(Math.min(COL_MAX, Math.max(COL_MIN, named, cells + PAD)))
  })
}

/**
 * Widths that fit `room` pixels when the columns' own widths do not but their narrowest do: each
 * column at least its name on two lines, its type line and its widest shown cell (nothing cut), the room left
 * shared in proportion to what each gave up. Otherwise the own widths (the table scrolls sideways).
 */
export function fitWidths(columns: readonly TableColumn[], head: readonly (readonly string[])[], measure: Measure, room: number): number[] {
  const wide = columnWidths(columns, head, measure)
  const total = wide.reduce((a, b) => a + b, 0)
  if (total <= room || columns.length * TIGHT_MIN > room) return wide
  const tight = contentWidths(columns, head, measure).map(({ name, meta, cells, slack }, j) =>
    Math.ceil(Math.min(wide[j], Math.max(TIGHT_MIN, name / 2 + PAD + slack, meta + PAD, cells + PAD))),
  )
  const least = tight.reduce((a, b) => a + b, 0)
  if (least > room) return wide
  const share = (room - least) / (total - least)
  return wide.map((w, j) => Math.floor(tight[j] + (w - tight[j]) * share))
}

let measures: { regular: (text: string) => number; bold: (text: string) => number } | undefined

/** Measures text in the page's 13 px font, regular or bold, on detached canvases (no layout); 8 px a character where there is no canvas. */
export function measureText(text: string, bold: boolean): number {
  if (!measures) {
    const family = typeof document === 'undefined' ? '' : getComputedStyle(document.body).fontFamily
    measures = { regular: textMeasure(`400 13px ${family}`, 8), bold: textMeasure(`700 13px ${family}`, 8) }
  }
  return (bold ? measures.bold : measures.regular)(text)
}
