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

/**
 * Each column's width: room for its name on one line, or on two when that would pass COL_MAX (the
 * header wraps it; a longer one is cut, its tooltip says it in full), and for its widest shown cell.
 */
export function columnWidths(columns: readonly { name: string }[], head: readonly (readonly string[])[], measure: Measure): number[] {
  const rows = head.slice(0, SAMPLE_ROWS)
  return columns.map((c, j) => {
    const name = measure(c.name, true) + ARROW
    const named = name + PAD <= COL_MAX ? name + PAD : name / 2 + PAD + measure('W', true)
    let cells = 0
    for (const row of rows) cells = Math.max(cells, measure(row[j] ?? '', false))
    return Math.ceil(Math.min(COL_MAX, Math.max(COL_MIN, named, cells + PAD)))
  })
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
