import type { CurvePoint } from '../store/run-store'

/** A tiny curve for the node card: training loss (validation dashed), an agent's return, or a search's score per trial (best so far dashed). */
export function Sparkline({ points, width = 180, height = 34 }: { points: CurvePoint[]; width?: number; height?: number }) {
  const values = points.flatMap((p) => (p.valLoss !== undefined ? [p.loss, p.valLoss] : [p.loss])).filter(Number.isFinite)
  if (values.length < 2) return null
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const x = (i: number) => (i / Math.max(1, points.length - 1)) * (width - 4) + 2
  const y = (v: number) => height - 2 - ((v - lo) / (hi - lo || 1)) * (height - 4)
  const path = (pick: (p: CurvePoint) => number | undefined) =>
    points
      .map((p, i) => [i, pick(p)] as const)
      .filter(([, v]) => v !== undefined && Number.isFinite(v))
      .map(([i, v]) => `${x(i).toFixed(1)},${y(v!).toFixed(1)}`)
      .join(' ')
  const last = points[points.length - 1]
  const words = last.reward
    ? { step: 'episode', value: 'return', val: 'average' }
    : last.trial
      ? { step: 'trial', value: 'score', val: 'best' }
      : { step: 'epoch', value: 'loss', val: 'val' }
  return (
    <figure className="sparkline" aria-label={`${words.value} ${last.loss.toPrecision(3)}`}>
      <svg width={width} height={height} role="img">
        <polyline points={path((p) => p.loss)} className="spark-loss" />
        <polyline points={path((p) => p.valLoss)} className="spark-val" />
      </svg>
      <figcaption>
        {words.step} {last.epoch} · {words.value} {last.loss.toPrecision(3)}
        {last.valLoss !== undefined && ` · ${words.val} ${last.valLoss.toPrecision(3)}`}
      </figcaption>
    </figure>
  )
}
