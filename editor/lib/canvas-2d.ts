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
