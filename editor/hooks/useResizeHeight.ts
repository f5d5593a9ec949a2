import { useCallback, useState, type PointerEvent } from 'react'

const KEY = 'mlcanvas.resultsHeight'

/**
 * A panel height the user drags with a handle on the panel's top edge, remembered across
 * visits. Returns the height and the handle's pointer-down handler.
 */
export function useResizeHeight(initial: number, min: number, max: () => number) {
  const [height, setHeight] = useState(() => Number(localStorage.getItem(KEY)) || initial)
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      e.preventDefault()
      const startY = e.clientY
      const start = height
      const move = (ev: globalThis.PointerEvent) => {
        const next = Math.round(Math.min(max(), Math.max(min, start + startY - ev.clientY)))
        setHeight(next)
        localStorage.setItem(KEY, String(next))
      }
      const up = () => {
        window.removeEventListener('pointermove', move)
        window.removeEventListener('pointerup', up)
      }
      window.addEventListener('pointermove', move)
      window.addEventListener('pointerup', up)
    },
    [height, min, max],
  )
  return { height, onPointerDown }
}
