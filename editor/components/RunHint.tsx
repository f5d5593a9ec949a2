import { useGraph, useRun } from '../store'
import type { FlowNode } from '../lib/flow-types'
import type { RunState } from '../store/run-store'

const selectHasNodes = (s: { nodes: FlowNode[] }) => s.nodes.length > 0
const selectAnythingRan = (s: RunState) => s.running || s.interrupted || s.runs.size > 0

/**
 * Until something has run, says where to start: a strip above the canvas, not over it, so that it
 * never covers the top cards of the graph (as a box floating at the canvas's top did).
 */
export function RunHint() {
  const hasNodes = useGraph(selectHasNodes)
  const ran = useRun(selectAnythingRan)
  if (!hasNodes || ran) return null
  return (
    <div className="run-hint" role="note">
      Press <strong>▶ Run all</strong> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>) to run this pipeline; then click any node to see its results.
    </div>
  )
}
