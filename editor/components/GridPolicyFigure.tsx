import { useEffect, useRef } from 'react'
import type { Figure } from '../../runtime/values/figure'
import { useCanvasWidth } from '../hooks/useCanvasWidth'
import { prepareCanvas } from '../lib/canvas-2d'
import { drawGrid } from './rl-drawing'

/** A grid world with the agent's greedy action in every cell, coloured by the best action value. */
export function GridPolicyFigure({ figure, height = 260 }: { figure: Figure; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const { box, width } = useCanvasWidth()
  const grid = figure.grid!
  useEffect(() => {
    const ctx = prepareCanvas(canvas.current, width, height)
    if (ctx) drawGrid(ctx, grid, width, height)
  }, [grid, width, height])
  return (
    <figure className="figure" aria-label={figure.title}>
      <figcaption>{figure.title}</figcaption>
      <div ref={box} className="figure-box">
        <canvas ref={canvas} style={{ width, height }} role="img" aria-label={`${figure.title}: ${grid.rows} × ${grid.cols} grid with the greedy action per cell`} />
      </div>
      <p className="muted">Arrows: the greedy action; colour: the best action value (low dark, high yellow). Red traps, green goals, the ring marks the start.</p>
    </figure>
  )
}
