import type { Figure } from '../../runtime/values/figure'
import { figure, round } from './display'

/** Bars shown at most; the rest are named in a note. */
const MAX_BARS = 20

/** A bar chart of per-feature importances, largest first. */
export function importanceFigure(
  names: string[],
  values: ArrayLike<number>,
  errors: ArrayLike<number> | undefined,
  o: { title: string; xLabel: string; summary: Record<string, string | number> },
): Figure {
  const order = names.map((_, j) => j).sort((a, b) => values[b] - values[a])
  const shown = order.slice(0, MAX_BARS)
  const top = shown[0]
  return figure({
    chart: 'bar',
    title: o.title,
    xLabel: o.xLabel,
    yLabel: 'Feature',
    series: [],
    bars: {
      labels: shown.map((j) => names[j]),
      values: shown.map((j) => values[j]),
      ...(errors ? { errors: shown.map((j) => errors[j]) } : {}),
    },
    summary: { ...o.summary, top: top === undefined ? '' : names[top], ...(top === undefined ? {} : { topValue: round(values[top]) }) },
    notes: order.length > MAX_BARS ? [`Showing the ${MAX_BARS} largest of ${order.length} features.`] : [],
  })
}
