import { useEffect, useState, type RefObject } from 'react'

/**
 * The content width of the element in `ref` in whole pixels (without borders, padding or scroll bars),
 * followed as it resizes; undefined until it is first measured.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number | undefined {
  const [width, setWidth] = useState<number>()
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e.contentRect.width)))
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return width
}
