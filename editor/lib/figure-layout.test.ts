import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Figure } from '../../runtime/values/figure'
import { drawFigure } from './draw-figure'
import { figureHeight, fitText, MIN_ROW } from './figure-layout'

/** A glyph as wide as Chromium draws 12 px system-ui on average (measured: 6–7 px). */
const GLYPH = 6.6
const measure = (t: string) => t.length * GLYPH

interface Text {
  text: string
  /** The anchor on the canvas, and the direction the text runs in (radians; 0 = left to right). */
  x: number
  y: number
  angle: number
  align: CanvasTextAlign
}

/** A 2D context that records where each text goes; only what drawFigure calls for heat maps and bars. */
function recorder() {
  const texts: Text[] = []
  let m = { x: 0, y: 0, angle: 0 }
  const stack: (typeof m)[] = []
  const ctx = {
    font: '',
    fillStyle: '',
    strokeStyle: '',
    textAlign: 'left' as CanvasTextAlign,
    textBaseline: 'alphabetic',
    measureText: (t: string) => ({ width: t.length * GLYPH }),
    fillText(text: string, x: number, y: number) {
      const c = Math.cos(m.angle)
      const s = Math.sin(m.angle)
      texts.push({ text, x: m.x + x * c - y * s, y: m.y + x * s + y * c, angle: m.angle, align: ctx.textAlign })
    },
    save: () => stack.push({ ...m }),
    restore: () => (m = stack.pop()!),
    translate: (x: number, y: number) => (m = { ...m, x: m.x + x, y: m.y + y }),
    rotate: (a: number) => (m = { ...m, angle: m.angle + a }),
    fillRect() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    stroke() {},
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts }
}

/** The canvas span [x0, x1] a recorded horizontal text covers. */
function span(t: Text): [number, number] {
  const w = t.text.length * GLYPH
  if (t.align === 'right') return [t.x - w, t.x]
  if (t.align === 'center') return [t.x - w / 2, t.x + w / 2]
  return [t.x, t.x + w]
}

const classes = Array.from({ length: 30 }, (_, i) => `species_${String(i).padStart(2, '0')}_${'abcdefghij'[i % 10].repeat(3)}`)

/** A 30-class confusion matrix as the figure node makes it: 12 per class on the diagonal. */
const confusion: Figure = {
  kind: 'figure',
  chart: 'heatmap',
  title: 'Confusion matrix',
  xLabel: 'Predicted class',
  yLabel: 'True class',
  series: [],
  heatmap: { rowLabels: classes, colLabels: classes, values: classes.map((_, r) => classes.map((_, c) => (r === c ? 12 : r === c + 1 ? 1 : 0))), normalized: false },
  summary: {},
}

// The theme colours come from the page's CSS; here every one falls back to its default.
vi.stubGlobal('document', { documentElement: {} })
vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: () => '' }))
afterAll(() => vi.unstubAllGlobals())

describe('a confusion matrix of 30 classes with long names', () => {
  const w = 780
  const h = figureHeight(confusion, w, 190, measure)
  const { ctx, texts } = recorder()
  drawFigure(ctx, confusion, w, h)
  const rowLabels = texts.filter((t) => t.angle === 0 && t.align === 'right' && t.text.startsWith('species'))

  it('is tall enough that class rows sit at least MIN_ROW apart, each row label whole and on the canvas', () => {
    expect(h).toBeGreaterThanOrEqual(30 * MIN_ROW)
    expect(rowLabels.map((t) => t.text)).toEqual(classes)
    for (let i = 1; i < rowLabels.length; i++) expect(rowLabels[i].y - rowLabels[i - 1].y).toBeGreaterThanOrEqual(MIN_ROW)
    for (const t of rowLabels) expect(span(t)[0]).toBeGreaterThanOrEqual(0)
  })

  it('slants the column labels so neighbours do not overprint, all inside the canvas', () => {
    const cols = texts.filter((t) => t.angle !== 0 && t.text.startsWith('species'))
    expect(cols).toHaveLength(30)
    for (const t of cols) {
      expect(t.angle).toBeCloseTo(-Math.PI / 4)
      // The label runs down-left from its anchor: its far end must stay on the canvas.
      const len = t.text.length * GLYPH
      expect(t.x - len * Math.SQRT1_2).toBeGreaterThanOrEqual(0)
      expect(t.y + len * Math.SQRT1_2).toBeLessThanOrEqual(h)
    }
    // Parallel 45° labels of 12 px text need ≥ 12 / sin 45° ≈ 17 px between anchors.
    for (let i = 1; i < cols.length; i++) expect(cols[i].x - cols[i - 1].x).toBeGreaterThanOrEqual(17)
  })

  it('writes counts only where they fit inside their cell', () => {
    const counts = texts.filter((t) => /^\d+$/.test(t.text))
    const cell = (780 - rowLabels[0].x - 6 - 10) / 30
    for (const t of counts) expect(t.text.length * GLYPH).toBeLessThanOrEqual(cell - 2)
    expect(counts.filter((t) => t.text === '12')).toHaveLength(30)
  })
})

describe('feature importance bars', () => {
  const labels = Array.from({ length: 20 }, (_, i) => `customer_home_region_name_${i}`)
  const bars: Figure = { kind: 'figure', chart: 'bar', title: 'Feature importance', xLabel: 'Importance', yLabel: '', series: [], bars: { labels, values: labels.map((_, i) => 1 - i / 40) }, summary: {} }

  it('gives 20 bars room for one label each, shortened to the margin with an ellipsis', () => {
    const w = 780
    const h = figureHeight(bars, w, 190, measure)
    const { ctx, texts } = recorder()
    drawFigure(ctx, bars, w, h)
    const shown = texts.filter((t) => t.align === 'right')
    expect(shown).toHaveLength(20)
    for (let i = 1; i < shown.length; i++) expect(shown[i].y - shown[i - 1].y).toBeGreaterThanOrEqual(MIN_ROW)
    for (const t of shown) expect(span(t)[0]).toBeGreaterThanOrEqual(0)
    expect(shown[3].text).toBe('customer_home_region_name_3')
  })
})

describe('fitText', () => {
  const ten = (t: string) => t.length * 10
  it('keeps a label that fits and cuts one that does not to the longest prefix that fits with "…"', () => {
    expect(fitText(ten, 'setosa', 60)).toBe('setosa')
    expect(fitText(ten, 'versicolor', 60)).toBe('versi…')
    expect(fitText(ten, 'versicolor', 5)).toBe('…')
  })
})
