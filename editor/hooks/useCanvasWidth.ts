import { useRef } from 'react'
import { useElementWidth } from './useElementWidth'

/** The width of a figure's box (at least 240 px), followed as the panel resizes; `initial` until it is measured. */
export function useCanvasWidth(initial = 480) {
  const box = useRef<HTMLDivElement>(null)
  const width = useElementWidth(box)
  return { box, width: width === undefined ? initial : Math.max(240, width) }
}
