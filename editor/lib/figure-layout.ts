import type { Figure } from '../../runtime/values/figure'
import { textMeasure } from './canvas-2d'

/**
 * Where the labelled charts (heat maps, bars) put their labels and cells, from the figure, the
 * canvas width and a text measure, so the canvas height can follow the number of rows before
 * drawing. A label longer than its capped margin is shortened with an ellipsis (fitText).
 */

/** The width of a text in the chart's 12 px label font. */
export type Measure = (text: string) => number

/** The labels' font, for drawing and measuring alike. */
export const FONT = '12px system-ui, sans-serif'

/** A Measure on a detached canvas, for sizing a figure before its own canvas exists. */
export const canvasMeasure = (): Measure => textMeasure(FONT, 7)

/** Rows (classes, features) closer than this overprint their 12 px labels. */
export const MIN_ROW = 18
/** Room for a rotated axis title on the left, and for the x-axis title below. */
const AXIS_TITLE = 22

const longest = (labels: readonly string[], measure: Measure) => labels.reduce((m, l) => Math.max(m, Math.ceil(measure(l))), 0)

export interface HeatmapLayout {
  left: number
  top: number
  cw: number
  ch: number
  /** Column labels turned 45° (they do not fit side by side under their cells). */
  slanted: boolean
  /** Widest a row label may be, and a column label. */
  rowLabelWidth: number
  colLabelWidth: number
}

/** Label margins and cell sizes of a heat map drawn `w` × `h`. */
export function heatmapLayout(f: Figure, w: number, h: number, measure: Measure): HeatmapLayout {
  const m = f.heatmap!
  const rowLabelWidth = Math.min(longest(m.rowLabels, measure), Math.round(w * 0.3))
  const cols = Math.max(1, m.colLabels.length)
  let left = AXIS_TITLE + rowLabelWidth + 6
  const colText = longest(m.colLabels, measure)
  const slanted = colText > (w - left - 10) / cols - 4
  const colLabelWidth = slanted ? Math.min(colText, 140) : (w - left - 10) / cols - 4
  // A slanted label hangs down-left from its column: the first one needs that much room.
  if (slanted) left = Math.max(left, Math.ceil(colLabelWidth * Math.SQRT1_2))
  const cw = (w - left - 10) / cols
  const top = 8
  const ch = (h - top - bottomBand(slanted, colLabelWidth)) / Math.max(1, m.rowLabels.length)
  return { left, top, cw, ch, slanted, rowLabelWidth, colLabelWidth }
}

/** Column labels (straight or slanted) and the x-axis title under a heat map. */
function bottomBand(slanted: boolean, colLabelWidth: number): number {
  return (slanted ? Math.ceil(colLabelWidth * Math.SQRT1_2) + 14 : 20) + AXIS_TITLE
}

/** Where horizontal bars start (after their labels) and how tall each is. */
export function barsLayout(f: Figure, w: number, h: number, measure: Measure): { left: number; top: number; bottom: number; bh: number; labelWidth: number } {
  const b = f.bars!
  const labelWidth = Math.min(longest(b.labels, measure), Math.round(w * 0.35))
  const top = 8
  const bottom = 34
  return { left: labelWidth + 12, top, bottom, bh: (h - top - bottom) / Math.max(1, b.labels.length), labelWidth }
}

/**
 * The canvas height a figure needs at width `w`: `base`, or more when a heat map or a bar chart
 * has so many rows that they would come closer than MIN_ROW (30 classes, 20 features).
 */
export function figureHeight(f: Figure, w: number, base: number, measure: Measure): number {
  if (f.chart === 'heatmap' && f.heatmap) {
    const { slanted, colLabelWidth } = heatmapLayout(f, w, base, measure)
    return Math.max(base, Math.ceil(8 + f.heatmap.rowLabels.length * MIN_ROW + bottomBand(slanted, colLabelWidth)))
  }
  if (f.chart === 'bar' && f.bars) return Math.max(base, 8 + f.bars.labels.length * MIN_ROW + 34)
  return base
}

/** `text`, shortened with an ellipsis until it measures at most `width`. */
export function fitText(measure: Measure, text: string, width: number): string {
  if (measure(text) <= width) return text
  let lo = 0
  let hi = text.length
  // The longest prefix that fits with its ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (measure(`${text.slice(0, mid)}…`) <= width) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo)}…`
}
