/** A colour of the page's theme (a CSS custom property on the root), or `fallback` where it is unset. */
export function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** Sizes a canvas for the device pixel ratio and clears it; its 2D context, drawn in CSS pixels. */
export function prepareCanvas(c: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = c?.getContext('2d')
  if (!c || !ctx) return null
  const dpr = window.devicePixelRatio || 1
  c.width = width * dpr
  c.height = height * dpr
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}

/** Text widths in `font`, measured on a detached canvas (no layout); `perChar` px a character where there is no canvas. */
export function textMeasure(font: string, perChar: number): (text: string) => number {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (!ctx) return (t) => t.length * perChar
  ctx.font = font
  return (t) => ctx.measureText(t).width
}
