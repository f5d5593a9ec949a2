import type { GridPicture } from '../../runtime/values/figure'
import { themeColor } from '../lib/canvas-2d'
import { ramp } from '../lib/plot-scale'

/** Canvas drawings of reinforcement-learning environments: grid worlds, CartPole, MountainCar. */

const CELL_COLOURS = { wall: '#4b5563', trap: '#e15759', goal: '#59a14f' }
/** Arrow directions in action order: left, down, right, up. */
const ARROWS: readonly [number, number][] = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
]

function valueRange(values: number[] | undefined): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values ?? []) {
    if (!Number.isFinite(v)) continue
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  return lo <= hi ? [lo, hi] : [0, 1]
}

function drawArrow(ctx: CanvasRenderingContext2D, cx: number, cy: number, size: number, action: number) {
  const [dx, dy] = ARROWS[action] ?? [0, 0]
  const len = size * 0.32
  const tip = [cx + dx * len, cy + dy * len]
  ctx.beginPath()
  ctx.moveTo(cx - dx * len, cy - dy * len)
  ctx.lineTo(tip[0], tip[1])
  // The head: two short strokes back from the tip, 35° either side.
  for (const side of [-1, 1]) {
    const a = Math.atan2(dy, dx) + Math.PI + side * 0.6
    ctx.moveTo(tip[0], tip[1])
    ctx.lineTo(tip[0] + Math.cos(a) * len * 0.6, tip[1] + Math.sin(a) * len * 0.6)
  }
  ctx.stroke()
}

/** The grid: cells, the best action value as a colour, greedy arrows, and optionally the agent's cell. */
export function drawGrid(ctx: CanvasRenderingContext2D, g: GridPicture, w: number, h: number, agentCell?: number) {
  const size = Math.floor(Math.min(w / g.cols, h / g.rows))
  const left = Math.floor((w - size * g.cols) / 2)
  const top = Math.floor((h - size * g.rows) / 2)
  const [lo, hi] = valueRange(g.values)
  const floor = themeColor('--panel-2', '#f0f2f5')
  const border = themeColor('--border', '#d9dde4')
  for (let s = 0; s < g.cells.length; s++) {
    const x = left + (s % g.cols) * size
    const y = top + Math.floor(s / g.cols) * size
    const cell = g.cells[s]
    const v = g.values?.[s]
    ctx.fillStyle =
      cell === 1 ? CELL_COLOURS.wall : cell === 2 ? CELL_COLOURS.trap : cell === 3 ? CELL_COLOURS.goal : v !== undefined && Number.isFinite(v) ? ramp((v - lo) / (hi - lo || 1)) : floor
    ctx.fillRect(x, y, size, size)
    ctx.strokeStyle = border
    ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1)
    const arrow = g.arrows?.[s] ?? -1
    if (arrow >= 0) {
      ctx.strokeStyle = '#fff'
      ctx.lineWidth = Math.max(1.5, size / 14)
      drawArrow(ctx, x + size / 2, y + size / 2, size, arrow)
      ctx.lineWidth = 1
    }
  }
  const mark = (s: number, colour: string, radius: number, fill: boolean) => {
    ctx.beginPath()
    ctx.arc(left + (s % g.cols) * size + size / 2, top + Math.floor(s / g.cols) * size + size / 2, radius, 0, 2 * Math.PI)
    ctx.strokeStyle = colour
    ctx.fillStyle = colour
    ctx.lineWidth = 2
    if (fill) ctx.fill()
    else ctx.stroke()
    ctx.lineWidth = 1
  }
  mark(g.start, themeColor('--accent', '#3b6fe0'), size * 0.42, false)
  if (agentCell !== undefined) mark(agentCell, themeColor('--accent', '#3b6fe0'), size * 0.3, true)
}

/** CartPole as Gymnasium draws it: the track spans ±2.4, the pole is 1 (twice the half-length) long. */
export function drawCartPole(ctx: CanvasRenderingContext2D, obs: ArrayLike<number>, w: number, h: number) {
  const scale = w / 4.8
  const ground = h * 0.75
  const cx = w / 2 + obs[0] * scale
  const fg = themeColor('--fg', '#1d2330')
  ctx.strokeStyle = themeColor('--muted', '#6b7383')
  ctx.beginPath()
  ctx.moveTo(0, ground)
  ctx.lineTo(w, ground)
  ctx.stroke()
  const cartW = Math.max(30, scale * 0.5)
  const cartH = cartW * 0.6
  ctx.fillStyle = fg
  ctx.fillRect(cx - cartW / 2, ground - cartH, cartW, cartH)
  const pole = Math.min(scale, h * 0.6)
  const pivot = [cx, ground - cartH]
  ctx.strokeStyle = '#ca9865'
  ctx.lineWidth = Math.max(4, cartW / 6)
  ctx.beginPath()
  ctx.moveTo(pivot[0], pivot[1])
  ctx.lineTo(pivot[0] + pole * Math.sin(obs[2]), pivot[1] - pole * Math.cos(obs[2]))
  ctx.stroke()
  ctx.lineWidth = 1
}

/** MountainCar: the hill y = sin(3x) over [-1.2, 0.6], the flag at 0.5 and the car. */
export function drawMountainCar(ctx: CanvasRenderingContext2D, obs: ArrayLike<number>, w: number, h: number) {
  const sx = (x: number) => ((x + 1.2) / 1.8) * w
  const sy = (x: number) => h - 10 - ((Math.sin(3 * x) * 0.45 + 0.55) / 1.1) * (h - 30)
  ctx.strokeStyle = themeColor('--muted', '#6b7383')
  ctx.beginPath()
  for (let i = 0; i <= 100; i++) {
    const x = -1.2 + (1.8 * i) / 100
    if (i === 0) ctx.moveTo(sx(x), sy(x))
    else ctx.lineTo(sx(x), sy(x))
  }
  ctx.stroke()
  ctx.fillStyle = CELL_COLOURS.goal
  ctx.fillRect(sx(0.5), sy(0.5) - 24, 12, 8)
  ctx.fillRect(sx(0.5), sy(0.5) - 24, 2, 24)
  ctx.fillStyle = themeColor('--fg', '#1d2330')
  ctx.beginPath()
  ctx.arc(sx(obs[0]), sy(obs[0]) - 7, 7, 0, 2 * Math.PI)
  ctx.fill()
}
