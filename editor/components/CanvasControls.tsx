import { useState } from 'react'
import { ControlButton, Controls, MiniMap } from '@xyflow/react'

/**
 * The zoom controls with a mini map switch. The map starts folded: open, it sits over the
 * canvas's bottom-right corner, and on a graph wider than the view any corner holds nodes.
 */
export function CanvasControls() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Controls>
        <ControlButton
          onClick={() => setOpen(!open)}
          aria-pressed={open}
          aria-label={open ? 'Hide mini map' : 'Show mini map'}
          title={open ? 'Hide mini map' : 'Show mini map'}
        >
          <svg viewBox="0 0 16 16" aria-hidden>
            <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" />
            <rect x="4" y="6" width="4" height="4" fill="currentColor" />
          </svg>
        </ControlButton>
      </Controls>
      {open && <MiniMap pannable zoomable ariaLabel="Mini map" style={{ width: 128, height: 80 }} />}
    </>
  )
}
