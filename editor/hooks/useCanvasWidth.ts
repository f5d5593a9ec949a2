import { useEffect, useRef, useState } from 'react'

/** The width of a figure's box, followed as the panel resizes. */
export function useCanvasWidth(initial = 480) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(initial)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(240, Math.floor(e.contentRect.width))))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  return { box, width }
}
