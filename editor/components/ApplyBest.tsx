import { applyEdits, bestChanges, bestParamEdits } from '../lib/apply-best'
import { paramSchemas } from '../lib/flow-types'
import { formatNumber } from '../lib/format'
import { findNode } from '../lib/nested-params'
import { nodeTitle } from '../lib/node-title'
import { useEditor, useGraph, useRun, useUi } from '../store'
import { displayState } from '../store/run-store'

const show = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : v === undefined ? '—' : JSON.stringify(v))

/**
 * "Apply best" under a finished search: writes the best trial's params into their nodes, one undo
 * step, and lists what that changes (node, param, now → best), or says the graph has them already.
 */
export function ApplyBest({ nodeId }: { nodeId: string }) {
  const ed = useEditor()
  const run = useRun((s) => s.runs.get(nodeId))
  const key = useRun((s) => s.keys.get(nodeId))
  // Params change with every edit; the list below must follow them (an applied best shows as applied).
  // The tuned nodes may sit inside groups, or on a level above the one shown.
  const nodes = useGraph((s) => s.nodes)
  const path = useGraph((s) => s.path)
  const descriptors = useUi((s) => s.descriptors)
  const state = displayState(run, key)
  if (state !== 'done' && state !== 'cached' && state !== 'stale') return null
  const find = (id: string) => findNode({ nodes, path }, id)
  const edits = bestParamEdits(run?.summary, (id) => find(id) !== undefined)
  if (!edits.length) return null
  const current = (id: string, param: string) => {
    const n = find(id)!
    return Object.hasOwn(n.params, param) ? n.params[param] : paramSchemas(descriptors.get(n.nodeType))[param]?.default
  }
  const changes = bestChanges(edits, current)
  const title = (id: string) => {
    const n = find(id)
    return n ? nodeTitle(n.label, n.nodeType, descriptors) : id
  }
  const trial = run?.summary?.['best trial']
  return (
    <section className="apply-best" aria-label="Best trial">
      <button type="button" disabled={!changes.length} onClick={() => applyEdits(ed.graph, edits)}>
        Apply best{typeof trial === 'number' ? ` (trial ${trial})` : ''}
      </button>
      {changes.length ? (
        <ul className="best-changes">
          {changes.map((c) => (
            <li key={`${c.nodeId}.${c.path}`}>
              <span className="muted">{title(c.nodeId)} ·</span> {c.path}: {show(c.from)} → <strong>{show(c.to)}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">The graph has the best trial's params.</p>
      )}
      {changes.length > 0 && <p className="muted">Undo puts them back.</p>}
    </section>
  )
}
