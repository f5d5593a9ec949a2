import type { Figure } from '../../runtime/values/figure'
import { barsLayout, fitText, FONT, heatmapLayout } from './figure-layout'
import { formatNumber } from './format'
import { colorOf, extent, niceTicks, ramp } from './plot-scale'
import { themeColor } from './canvas-2d'

const PAD = { left: 56, right: 14, top: 12, bottom: 38 }

export function seriesColor(f: Figure, i: number): string {
  const s = f.series[i]
  return s.reference ? themeColor('--muted', '#888') : colorOf(s.classIndex ?? i)
}

function drawHeatmap(ctx: CanvasRenderingContext2D, f: Figure, w: number, h: number) {
  const m = f.heatmap!
  const fg = themeColor('--fg', '#222')
  ctx.font = FONT
  const measure = (t: string) => ctx.measureText(t).width
  const { left, top, cw, ch, slanted, rowLabelWidth, colLabelWidth } = heatmapLayout(f, w, h, measure)
  const bottom = top + m.rowLabels.length * ch
  let max = 1e-12
  for (const row of m.values) for (const v of row) if (v > max) max = v
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  m.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const t = v / max
      ctx.fillStyle = ramp(t)
      ctx.fillRect(left + c * cw, top + r * ch, cw - 1, ch - 1)
      const text = m.normalized ? v.toFixed(2) : formatNumber(v)
      // Colour alone carries a value whose text would spill over its cell.
      if (ctx.measureText(text).width > cw - 2) return
      ctx.fillStyle = t > 0.6 ? '#111' : '#fff'
      ctx.fillText(text, left + (c + 0.5) * cw, top + (r + 0.5) * ch)
    }),
  )
  ctx.fillStyle = fg
  ctx.textAlign = 'right'
  m.rowLabels.forEach((l, r) => ctx.fillText(fitText(measure, l, rowLabelWidth), left - 6, top + (r + 0.5) * ch))
  m.colLabels.forEach((l, c) => {
    const x = left + (c + 0.5) * cw
    const text = fitText(measure, l, colLabelWidth)
    if (!slanted) {
      ctx.textAlign = 'center'
      ctx.fillText(text, x, bottom + 12)
      return
    }
    ctx.save()
    ctx.translate(x, bottom + 8)
    ctx.rotate(-Math.PI / 4)
    ctx.textAlign = 'right'
    ctx.fillText(text, 0, 0)
    ctx.restore()
  })
  ctx.textAlign = 'center'
  ctx.fillText(f.xLabel, left + (w - left) / 2, h - 10)
  ctx.save()
  ctx.translate(12, top + (bottom - top) / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.fillText(f.yLabel, 0, 0)
  ctx.restore()
}

/** Horizontal bars with their labels on the left, a zero line and ± error whiskers. */
function drawBars(ctx: CanvasRenderingContext2D, f: Figure, w: number, h: number) {
  const b = f.bars!
  const fg = themeColor('--fg', '#222')
  ctx.font = FONT
  const measure = (t: string) => ctx.measureText(t).width
  const { left, top, bottom, bh, labelWidth } = barsLayout(f, w, h, measure)
  const right = 12
  let lo = 0
  let hi = 1e-12
  b.values.forEach((v, i) => {
    lo = Math.min(lo, v - (b.errors?.[i] ?? 0))
    hi = Math.max(hi, v + (b.errors?.[i] ?? 0))
  })
  const sx = (v: number) => left + ((v - lo) / (hi - lo)) * (w - left - right)
  ctx.textBaseline = 'middle'
  b.values.forEach((v, i) => {
    const y = top + i * bh
    ctx.fillStyle = colorOf(0)
    ctx.fillRect(Math.min(sx(0), sx(v)), y + bh * 0.15, Math.abs(sx(v) - sx(0)), bh * 0.7)
    const e = b.errors?.[i]
    if (e) {
      ctx.strokeStyle = fg
      ctx.beginPath()
      ctx.moveTo(sx(v - e), y + bh / 2)
      ctx.lineTo(sx(v + e), y + bh / 2)
      ctx.stroke()
    }
    ctx.fillStyle = fg
    ctx.textAlign = 'right'
    ctx.fillText(fitText(measure, b.labels[i], labelWidth), left - 6, y + bh / 2)
  })
  ctx.strokeStyle = themeColor('--muted', '#888')
  ctx.beginPath()
  ctx.moveTo(sx(0), top)
  ctx.lineTo(sx(0), h - bottom)
  ctx.stroke()
  ctx.fillStyle = fg
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of niceTicks(lo, hi, Math.max(2, Math.floor((w - left) / 80)))) ctx.fillText(formatNumber(t), sx(t), h - bottom + 4)
  ctx.textBaseline = 'bottom'
  ctx.fillText(f.xLabel, left + (w - left) / 2, h - 2)
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/**
 * The predicted-class grid as one small image stretched over the plot: cell-by-cell
 * rectangles leave hairline seams where their antialiased edges overlap.
 */
function drawBoundary(ctx: CanvasRenderingContext2D, b: NonNullable<Figure['boundary']>, sx: (v: number) => number, sy: (v: number) => number) {
  const nx = b.xs.length
  const ny = b.ys.length
  const img = new ImageData(nx, ny)
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const k = iy * nx + ix
      const [r, g, bl] = rgb(colorOf(b.cells[k]))
      // Image rows run top-down, grid rows bottom-up (ys ascending).
      const o = ((ny - 1 - iy) * nx + ix) * 4
      img.data.set([r, g, bl, Math.round(255 * (0.14 + 0.26 * (b.confidence?.[k] ?? 1)))], o)
    }
  }
  // A document canvas, not an OffscreenCanvas: the SVG export embeds it as an image.
  const tile = Object.assign(document.createElement('canvas'), { width: nx, height: ny })
  tile.getContext('2d')!.putImageData(img, 0, 0)
  const hx = (b.xs[1] - b.xs[0]) / 2
  const hy = (b.ys[1] - b.ys[0]) / 2
  const left = sx(b.xs[0] - hx)
  const top = sy(b.ys[ny - 1] + hy)
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(tile, left, top, sx(b.xs[nx - 1] + hx) - left, sy(b.ys[0] - hy) - top)
}

/** Where a plot's data lands on the canvas: the plot area, the two scales and the y ticks. */
interface PlotFrame {
  left: number
  pw: number
  ph: number
  sx: (v: number) => number
  sy: (v: number) => number
  x: [number, number]
  y: [number, number]
  yTicks: number[]
}

/** The y-axis title is drawn rotated, centred 12 px from the left edge: its 11 px text ends by 18 px. */
const Y_TITLE_ROOM = 18 + 4

/** The plot's frame; its left edge clears the widest y tick label (−200,000) and the y-axis title. */
function plotFrame(f: Figure, w: number, h: number, measure: (text: string) => number): PlotFrame {
  const b = f.boundary
  const [x0, x1] = extent([...f.series.flatMap((s) => s.x), ...(b?.xs ?? [])])
  const [y0, y1] = extent([...f.series.flatMap((s) => s.y), ...(b?.ys ?? [])])
  const ph = h - PAD.top - PAD.bottom
  const yTicks = niceTicks(y0, y1, Math.max(2, Math.floor(ph / 40)))
  const left = Math.max(PAD.left, Math.ceil(Y_TITLE_ROOM + Math.max(0, ...yTicks.map((t) => measure(formatNumber(t)))) + 6))
  const pw = w - left - PAD.right
  const sx = (v: number) => left + ((v - x0) / (x1 - x0)) * pw
  const sy = (v: number) => PAD.top + ph - ((v - y0) / (y1 - y0)) * ph
  return { left, pw, ph, sx, sy, x: [x0, x1], y: [y0, y1], yTicks }
}

/** Grid lines with their tick values, and the two axis names. */
function drawAxes(ctx: CanvasRenderingContext2D, f: Figure, h: number, { left, pw, ph, sx, sy, x, yTicks }: PlotFrame) {
  ctx.strokeStyle = themeColor('--grid', '#ddd')
  ctx.fillStyle = themeColor('--fg', '#222')
  ctx.lineWidth = 1
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const t of niceTicks(x[0], x[1], Math.max(2, Math.floor(pw / 80)))) {
    ctx.beginPath()
    ctx.moveTo(sx(t), PAD.top)
    ctx.lineTo(sx(t), PAD.top + ph)
    ctx.stroke()
    ctx.fillText(formatNumber(t), sx(t), PAD.top + ph + 4)
  }
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const t of yTicks) {
    ctx.beginPath()
    ctx.moveTo(left, sy(t))
    ctx.lineTo(left + pw, sy(t))
    ctx.stroke()
    ctx.fillText(formatNumber(t), left - 6, sy(t))
  }
  ctx.textAlign = 'center'
  ctx.textBaseline = 'bottom'
  ctx.fillText(f.xLabel, left + pw / 2, h - 2)
  ctx.save()
  ctx.translate(12, PAD.top + ph / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.textBaseline = 'middle'
  ctx.fillText(f.yLabel, 0, 0)
  ctx.restore()
}

/** Each series: a line (dashed when a reference) or dots, coloured by series or by value. */
function drawSeries(ctx: CanvasRenderingContext2D, f: Figure, { sx, sy }: PlotFrame) {
  const [v0, v1] = extent(f.series.flatMap((s) => s.value ?? []), 0)
  f.series.forEach((s, i) => {
    const color = seriesColor(f, i)
    ctx.strokeStyle = color
    ctx.fillStyle = color
    if (s.mode === 'line') {
      ctx.setLineDash(s.reference ? [5, 4] : [])
      ctx.lineWidth = s.reference ? 1 : 2
      ctx.beginPath()
      s.x.forEach((xv, k) => (k ? ctx.lineTo(sx(xv), sy(s.y[k])) : ctx.moveTo(sx(xv), sy(s.y[k]))))
      ctx.stroke()
      ctx.setLineDash([])
      return
    }
    const r = s.x.length > 2000 ? 1.6 : 2.6
    s.x.forEach((xv, k) => {
      if (s.value) ctx.fillStyle = ramp((s.value[k] - v0) / (v1 - v0 || 1))
      ctx.beginPath()
      ctx.arc(sx(xv), sy(s.y[k]), r, 0, Math.PI * 2)
      ctx.fill()
    })
  })
}

function drawPlot(ctx: CanvasRenderingContext2D, f: Figure, w: number, h: number) {
  ctx.font = '11px system-ui, sans-serif'
  const frame = plotFrame(f, w, h, (t) => ctx.measureText(t).width)
  const b = f.boundary
  if (b && b.xs.length > 1 && b.ys.length > 1) drawBoundary(ctx, b, frame.sx, frame.sy)
  drawAxes(ctx, f, h, frame)
  drawSeries(ctx, f, frame)
}

/** Draws any Figure value on a 2D context (a canvas's, or an SVG-recording one for export). */
export function drawFigure(ctx: CanvasRenderingContext2D, figure: Figure, width: number, height: number) {
  if (figure.chart === 'heatmap' && figure.heatmap) drawHeatmap(ctx, figure, width, height)
  else if (figure.chart === 'bar' && figure.bars) drawBars(ctx, figure, width, height)
  else drawPlot(ctx, figure, width, height)
}
