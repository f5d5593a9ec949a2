import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Figure } from '../../runtime/values/figure'
import { drawFigure } from './draw-figure'
import { PALETTE, ramp } from './plot-scale'

interface Mark {
  op: 'line' | 'dot' | 'text'
  x: number
  y: number
  fill: string
  stroke: string
  dash: number[]
  text?: string
}

/** A 2D context that records each line vertex, dot and text with the styles it was drawn in (no transforms). */
function recorder() {
  const marks: Mark[] = []
  let dash: number[] = []
  const ctx = {
    font: '',
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    textAlign: 'left',
    textBaseline: 'alphabetic',
    setLineDash: (d: number[]) => (dash = d),
    moveTo: (x: number, y: number) => marks.push({ op: 'line', x, y, fill: ctx.fillStyle, stroke: ctx.strokeStyle, dash }),
    lineTo: (x: number, y: number) => marks.push({ op: 'line', x, y, fill: ctx.fillStyle, stroke: ctx.strokeStyle, dash }),
    arc: (x: number, y: number) => marks.push({ op: 'dot', x, y, fill: ctx.fillStyle, stroke: ctx.strokeStyle, dash }),
    fillText: (text: string, x: number, y: number) => marks.push({ op: 'text', x, y, text, fill: ctx.fillStyle, stroke: ctx.strokeStyle, dash }),
    // 11 px system-ui averages ≈ 6 px a character.
    measureText: (text: string) => ({ width: text.length * 6 }),
    beginPath() {},
    stroke() {},
    fill() {},
    save() {},
    restore() {},
    translate() {},
    rotate() {},
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, marks }
}

// The theme colours come from the page's CSS; here every one falls back to its default.
vi.stubGlobal('document', { documentElement: {} })
vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: () => '' }))
afterAll(() => vi.unstubAllGlobals())

const plot: Figure = {
  kind: 'figure',
  chart: 'line',
  title: 'ROC',
  xLabel: 'False positive rate',
  yLabel: 'True positive rate',
  series: [
    { name: 'model', x: [0, 0.5, 1], y: [0, 0.8, 1], mode: 'line' },
    { name: 'chance', x: [0, 1], y: [0, 1], mode: 'line', reference: true },
    { name: 'scores', x: [0.25, 0.75], y: [0.5, 0.5], mode: 'points', value: [3, 9] },
  ],
  summary: {},
}

describe('a plot of large values', () => {
  it('moves the plot right of its widest y tick label, which stays clear of the y-axis title', () => {
    const residuals: Figure = { ...plot, xLabel: 'Predicted value', yLabel: 'Residual (true − predicted)', series: [{ name: 'rows', x: [1e5, 9e5], y: [-2.4e5, 2.2e5], mode: 'points' }] }
    const { ctx, marks } = recorder()
    drawFigure(ctx, residuals, 900, 240)
    const yTicks = marks.filter((m) => m.op === 'text' && /\d/.test(m.text!) && m.y < 240 - 38)
    expect(yTicks.map((m) => m.text)).toContain('-200,000')
    // Right-aligned at x: each label starts its width to the left; the rotated title ends 18 px from the edge.
    for (const m of yTicks) expect(m.x - m.text!.length * 6).toBeGreaterThanOrEqual(18)
  })
})

describe('a line and scatter plot', () => {
  const [w, h] = [400, 300]
  const { ctx, marks } = recorder()
  drawFigure(ctx, plot, w, h)
  const texts = marks.filter((m) => m.op === 'text').map((m) => m.text)
  const seriesLine = (color: string) => marks.filter((m) => m.op === 'line' && m.stroke === color)

  it('labels both axes with nice ticks and names them', () => {
    expect(texts).toEqual(expect.arrayContaining(['0', '0.2', '0.4', '0.6', '0.8', '1', 'False positive rate', 'True positive rate']))
  })

  it('draws a line series through its points, left to right and upwards, inside the plot area', () => {
    const line = seriesLine(PALETTE[0])
    expect(line).toHaveLength(3)
    expect(line[1].x - line[0].x).toBeCloseTo(line[2].x - line[1].x)
    // Canvas y grows downwards: a higher value is drawn higher up.
    expect(line[0].y).toBeGreaterThan(line[1].y)
    expect(line[1].y).toBeGreaterThan(line[2].y)
    for (const p of line) {
      expect(p.x).toBeGreaterThan(56)
      expect(p.x).toBeLessThan(w - 14)
      expect(p.y).toBeGreaterThan(12)
      expect(p.y).toBeLessThan(h - 38)
    }
  })

  it('dashes a reference line in the muted colour, and draws the others solid', () => {
    const reference = seriesLine('#888')
    expect(reference).toHaveLength(2)
    expect(reference.every((m) => m.dash.join() === '5,4')).toBe(true)
    expect(seriesLine(PALETTE[0]).every((m) => m.dash.length === 0)).toBe(true)
  })

  it('colours each point by its value on the ramp, lowest to highest', () => {
    const dots = marks.filter((m) => m.op === 'dot')
    expect(dots.map((d) => d.fill)).toEqual([ramp(0), ramp(1)])
    expect(dots[0].y).toBeCloseTo(dots[1].y)
  })
})
