import { applyEdits, bestParamEdits } from '../lib/apply-best'
import { useEditor, useGraph, useRun } from '../store'
import type { GraphState } from '../store/graph-store'
import { displayState } from '../store/run-store'

/** Node ids as one string, so the button re-renders only when nodes come or go. */
const selectIds = (s: GraphState) => s.nodes.map((n) => n.id).join('\u0000')

/** "Apply best" under a finished search: writes the best trial's params into their nodes, one undo step. */
export function ApplyBest({ nodeId }: { nodeId: string }) {
  const ed = useEditor()
  const run = useRun((s) => s.runs.get(nodeId))
  const key = useRun((s) => s.keys.get(nodeId))
  const ids = useGraph(selectIds)
  const state = displayState(run, key)
  if (state !== 'done' && state !== 'cached') return null
  const present = new Set(ids.split('\u0000'))
  const edits = bestParamEdits(run?.summary, (id) => present.has(id))
  if (!edits.length) return null
  const trial = run?.summary?.['best trial']
  const nodes = [...new Set(edits.map((e) => e.nodeId))]
  return (
    <section className="apply-best" aria-label="Best trial">
      <button type="button" onClick={() => applyEdits(ed.graph, edits)}>
        Apply best{typeof trial === 'number' ? ` (trial ${trial})` : ''}
      </button>
      <p className="muted">
        Sets {edits.map((e) => `${e.nodeId}.${e.param}`).join(', ')} on {nodes.length === 1 ? 'node' : 'nodes'} {nodes.join(', ')}; Undo puts them back.
      </p>
    </section>
  )
}
