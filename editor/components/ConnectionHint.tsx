import { useConnection, ViewportPortal } from '@xyflow/react'
import { wireProblem } from '../lib/connections'
import { useEditor } from '../store'

/** While a wire is dragged over a port it cannot join, says why, next to the pointer. */
export function ConnectionHint() {
  const ed = useEditor()
  const c = useConnection()
  if (!c.inProgress || !c.toHandle || c.isValid !== false) return null
  const [from, to] = c.fromHandle.type === 'source' ? [c.fromHandle, c.toHandle] : [c.toHandle, c.fromHandle]
  const problem = wireProblem(
    { ...ed.graph.getState(), descriptors: ed.ui.getState().descriptors },
    { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id },
  )
  if (!problem) return null
  return (
    <ViewportPortal>
      <div className="wire-hint" role="alert" style={{ transform: `translate(${c.to.x + 14}px, ${c.to.y + 14}px)` }}>
        {problem}
      </div>
    </ViewportPortal>
  )
}
