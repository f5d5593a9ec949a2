import { Context } from 'svgcanvas'
import type { Figure } from '../../runtime/values/figure'
import { themeColor } from './canvas-2d'
import { drawFigure } from './draw-figure'

const background = () => themeColor('--panel', '#ffffff')

/** A figure as a PNG at twice its on-screen size, on the panel colour (a transparent PNG reads badly). */
export function figurePng(figure: Figure, width: number, height: number): Promise<Blob> {
  const scale = 2
  const canvas = Object.assign(document.createElement('canvas'), { width: width * scale, height: height * scale })
  const ctx = canvas.getContext('2d')!
  ctx.scale(scale, scale)
  ctx.fillStyle = background()
  ctx.fillRect(0, 0, width, height)
  drawFigure(ctx, figure, width, height)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'))
}

/** A figure as SVG text: the same drawing code, recorded by an SVG-writing 2D context. */
export function figureSvg(figure: Figure, width: number, height: number): string {
  const ctx = new Context(width, height) as unknown as CanvasRenderingContext2D & Context
  ctx.fillStyle = background()
  ctx.fillRect(0, 0, width, height)
  drawFigure(ctx, figure, width, height)
  return ctx.getSerializedSvg(true)
}
