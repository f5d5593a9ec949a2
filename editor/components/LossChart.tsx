import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import { colorOf } from '../lib/plot-scale'
import type { CurvePoint } from '../store/run-store'

function columns(points: CurvePoint[], withVal: boolean): uPlot.AlignedData {
  const cols: uPlot.AlignedData = [points.map((p) => p.epoch), points.map((p) => p.loss)]
  return withVal ? [...cols, points.map((p) => p.valLoss ?? null)] : cols
}

const LOSS_NAMES = { title: 'Loss per epoch', x: 'epoch', y: 'loss', val: 'validation loss' }
const REWARD_NAMES = { title: 'Reward per episode', x: 'episode', y: 'return', val: 'moving average' }
const TRIAL_NAMES = { title: 'Score per trial', x: 'trial', y: 'score', val: 'best so far' }

/**
 * Training and validation loss per epoch (or an RL agent's return per episode and its moving
 * average), updated live from progress events. uPlot redraws thousands of points in well under
 * a frame, so streaming epochs never stalls the page.
 */
export function LossChart({ points, height = 190 }: { points: CurvePoint[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const hasVal = points.some((p) => p.valLoss !== undefined)
  const names = points[0]?.reward ? REWARD_NAMES : points[0]?.trial ? TRIAL_NAMES : LOSS_NAMES

  useEffect(() => {
    const el = box.current
    if (!el) return
    // Canvas cannot read CSS variables: resolve the theme colours once per chart.
    const css = getComputedStyle(document.documentElement)
    const fg = css.getPropertyValue('--muted').trim() || '#666'
    const grid = css.getPropertyValue('--grid').trim() || '#ddd'
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } }
    const u = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height,
        scales: { x: { time: false } },
        axes: [
          // Epochs are whole numbers: no 1.2, 1.4 ticks on a short run.
          { ...axis, label: names.x, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
          { ...axis, label: names.y, size: 56 },
        ],
        series: [
          { label: names.x },
          { label: names.y, stroke: colorOf(0), width: 2, points: { show: false } },
          ...(hasVal ? [{ label: names.val, stroke: colorOf(1), width: 2, dash: [6, 4], points: { show: false } }] : []),
        ],
        legend: { show: true, live: false },
      },
      columns(points, hasVal),
      el,
    )
    plot.current = u
    const ro = new ResizeObserver(([e]) => u.setSize({ width: Math.max(240, Math.floor(e.contentRect.width)), height }))
    ro.observe(el)
    return () => {
      ro.disconnect()
      u.destroy()
      plot.current = null
    }
  }, [height, hasVal, names])

  useEffect(() => {
    plot.current?.setData(columns(points, hasVal))
  }, [points, hasVal])

  return (
    <figure className="figure loss-chart" aria-label={names.title}>
      <figcaption>{names.title}</figcaption>
      <div ref={box} />
    </figure>
  )
}
