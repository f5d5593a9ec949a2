import { useGraph, useRun } from '../store'
import type { FlowNode } from '../lib/flow-types'
import type { RunState } from '../store/run-store'

const selectHasNodes = (s: { nodes: FlowNode[] }) => s.nodes.length > 0
const selectStarted = (s: RunState) => s.running || s.interrupted || s.runCount > 0 || s.runs.size > 0

/**
 * The results panel with no node selected: until something has run, where to start (a note); then how to
 * see results. Below the canvas, never over it: a box floating over the canvas's top covered the top cards
 * of some graphs, and a strip above it left fewer cards in view.
 */
export function RunHint() {
  const hasNodes = useGraph(selectHasNodes)
  const started = useRun(selectStarted)
  if (started) return <p className="muted">Select a node to see its results.</p>
  if (!hasNodes) return <p className="muted">Nothing has run yet.</p>
  return (
    <p className="muted" role="note">
      Nothing has run yet: press <strong>▶ Run all</strong> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>) to run this pipeline; then click any node to see its results.
    </p>
  )
}
