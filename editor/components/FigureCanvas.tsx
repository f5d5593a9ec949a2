import { useEffect, useMemo, useRef } from 'react'
import type { Figure } from '../../runtime/values/figure'
import { useCanvasWidth } from '../hooks/useCanvasWidth'
import { prepareCanvas } from '../lib/canvas-2d'
import { drawFigure, seriesColor } from '../lib/draw-figure'
import { figurePng, figureSvg } from '../lib/figure-export'
import { canvasMeasure, figureHeight } from '../lib/figure-layout'
import { colorOf } from '../lib/plot-scale'
import { download, fileSlug } from '../engine/commands'

/** PNG and SVG download buttons for a figure drawn at this size. */
function FigureDownloads({ figure, width, height }: { figure: Figure; width: number; height: number }) {
  const png = () => void figurePng(figure, width, height).then((b) => download(`${fileSlug(figure.title)}.png`, b, 'image/png'))
  const svg = () => download(`${fileSlug(figure.title)}.svg`, figureSvg(figure, width, height), 'image/svg+xml')
  return (
    <span className="downloads">
      <button className="link" aria-label={`Download ${figure.title} as PNG`} onClick={png}>
        PNG
      </button>
      <button className="link" aria-label={`Download ${figure.title} as SVG`} onClick={svg}>
        SVG
      </button>
    </span>
  )
}

/** One swatch and name per entry. */
function Legend({ items }: { items: { key: string; color: string; name: string }[] }) {
  return (
    <ul className="legend">
      {items.map((it) => (
        <li key={it.key}>
          <span className="swatch" style={{ background: it.color }} />
          {it.name}
        </li>
      ))}
    </ul>
  )
}

/** The series legend (a lone reference line needs none) and the decision boundary's classes. */
function FigureLegends({ figure }: { figure: Figure }) {
  const legend = figure.series.filter((s) => !s.reference || figure.series.length > 1)
  return (
    <>
      {legend.length > 1 && <Legend items={legend.map((s, i) => ({ key: `${s.name}-${i}`, color: seriesColor(figure, figure.series.indexOf(s)), name: s.name }))} />}
      {figure.boundary && <Legend items={figure.boundary.classes.map((c, i) => ({ key: c, color: colorOf(i), name: c }))} />}
    </>
  )
}

/** Draws any Figure value (line, scatter, heatmap, decision boundary, bars) on a canvas. */
export function FigureCanvas({ figure, height: base = 190 }: { figure: Figure; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { box, width } = useCanvasWidth()
  const measure = useMemo(canvasMeasure, [])
  const height = figureHeight(figure, width, base, measure)
  useEffect(() => {
    const ctx = prepareCanvas(canvas.current, width, height)
    if (ctx) drawFigure(ctx, figure, width, height)
  }, [figure, width, height])
  return (
    <figure className="figure" aria-label={figure.title}>
      <figcaption>
        {figure.title}
        <FigureDownloads figure={figure} width={width} height={height} />
      </figcaption>
      <div ref={box} className="figure-box">
        <canvas ref={canvas} style={{ width, height }} role="img" aria-label={`${figure.title} chart`} />
      </div>
      <FigureLegends figure={figure} />
      {figure.notes?.map((n) => (
        <p className="muted" key={n}>
          {n}
        </p>
      ))}
    </figure>
  )
}
