import { useEffect, useMemo, useRef, useState } from 'react'
import type { Figure } from '../../runtime/values/figure'
import { drawFigure, seriesColor } from '../lib/draw-figure'
import { figurePng, figureSvg } from '../lib/figure-export'
import { canvasMeasure, figureHeight } from '../lib/figure-layout'
import { colorOf } from '../lib/plot-scale'
import { download, fileSlug } from '../engine/commands'

/** Draws any Figure value (line, scatter, heatmap, decision boundary, bars) on a canvas. */
export function FigureCanvas({ figure, height: base = 190 }: { figure: Figure; height?: number }) {
  const box = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const [width, setWidth] = useState(480)
  const measure = useMemo(canvasMeasure, [])
  const height = figureHeight(figure, width, base, measure)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(240, Math.floor(e.contentRect.width))))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  useEffect(() => {
    const c = canvas.current
    const ctx = c?.getContext('2d')
    if (!c || !ctx) return
    const dpr = window.devicePixelRatio || 1
    c.width = width * dpr
    c.height = height * dpr
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, width, height)
    drawFigure(ctx, figure, width, height)
  }, [figure, width, height])
  const legend = figure.series.filter((s) => !s.reference || figure.series.length > 1)
  return (
    <figure className="figure" aria-label={figure.title}>
      <figcaption>
        {figure.title}
        <span className="downloads">
          <button className="link" aria-label={`Download ${figure.title} as PNG`} onClick={() => void figurePng(figure, width, height).then((b) => download(`${fileSlug(figure.title)}.png`, b, 'image/png'))}>
            PNG
          </button>
          <button className="link" aria-label={`Download ${figure.title} as SVG`} onClick={() => download(`${fileSlug(figure.title)}.svg`, figureSvg(figure, width, height), 'image/svg+xml')}>
            SVG
          </button>
        </span>
      </figcaption>
      <div ref={box} className="figure-box">
        <canvas ref={canvas} style={{ width, height }} role="img" aria-label={`${figure.title} chart`} />
      </div>
      {legend.length > 1 && (
        <ul className="legend">
          {legend.map((s, i) => (
            <li key={`${s.name}-${i}`}>
              <span className="swatch" style={{ background: seriesColor(figure, figure.series.indexOf(s)) }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      {figure.boundary && (
        <ul className="legend">
          {figure.boundary.classes.map((c, i) => (
            <li key={c}>
              <span className="swatch" style={{ background: colorOf(i) }} />
              {c}
            </li>
          ))}
        </ul>
      )}
      {figure.notes?.map((n) => (
        <p className="muted" key={n}>
          {n}
        </p>
      ))}
    </figure>
  )
}
