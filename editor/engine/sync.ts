import type { GraphNode } from '../../runtime/document/schema'
import { MAX_GROUP_DEPTH } from '../../runtime/graph/groups'
import { canonicalJson } from '../../runtime/keys/canonical'
import { wordParamProblem, type NodeProblem } from '../lib/param-problems'
import type { Editor } from '../store/editor'
import type { GraphState } from '../store/graph-state'
import { sameNodeRefs } from '../store/undo-state'
import { currentDoc, selectedIds } from '../store/selectors'
import { saveGraph } from './autosave-db'

/** Every node of a document by id, inside groups too: an inner node's diagnostics are worded like a top-level node's. */
function nodesById(list: readonly GraphNode[], out = new Map<string, GraphNode>(), depth = 0): Map<string, GraphNode> {
  for (const n of list) {
    out.set(n.id, n)
    if (n.group && depth < MAX_GROUP_DEPTH) nodesById(n.group.nodes, out, depth + 1)
  }
  return out
}

/** Recomputes cache keys (for "stale") and diagnostics for the graph as it is now; resolves to the JSON text it sent. */
export async function refreshNow(ed: Editor): Promise<string> {
  const doc = currentDoc(ed)
  const mine = ++ed.sync.generation
  // One JSON text for both calls: cheaper to send than two structured clones, and parsed into a compact document (engine.ts, `keys`).
  const text = JSON.stringify(doc)
  const [keys, check] = await Promise.all([ed.engine().keys(text), ed.engine().validate(text)])
  if (mine !== ed.sync.generation) return text // a newer edit already asked again
  ed.run.getState().setKeys(keys)
  const nodes = nodesById(doc.nodes)
  const descriptors = ed.ui.getState().descriptors
  const byNode = new Map<string, NodeProblem[]>()
  for (const d of check.diagnostics) {
    const node = d.nodeId === undefined ? undefined : nodes.get(d.nodeId)
    if (!node) continue
    byNode.set(node.id, [...(byNode.get(node.id) ?? []), wordParamProblem(d, descriptors.get(node.type), node.params)])
  }
  ed.ui.setState({ diagnostics: byNode })
  return text
}

/** What decides cache keys and diagnostics: types, params and wires, not positions. */
function runnablePart({ nodes, edges }: GraphState): string {
  return canonicalJson({
    n: nodes.map((n) => [n.id, n.data.nodeType, n.data.params]),
    e: edges.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle]),
  })
}

/** Writes this tab's graph record now. */
export function autosave(ed: Editor): Promise<void> {
  const { lastRun, running } = ed.run.getState()
  return saveGraph({ id: ed.graphId, doc: currentDoc(ed), selected: selectedIds(ed), savedAt: Date.now(), lastRun, running })
}

/** Nothing that is saved changed (React Flow measured a card that came into view, say). */
function sameSavedPart(s: GraphState, prev: GraphState): boolean {
  if (s.edges !== prev.edges || s.meta !== prev.meta || s.path !== prev.path || !sameNodeRefs(s.nodes, prev.nodes)) return false
  return s.nodes.every((n, i) => !!n.selected === !!prev.nodes[i].selected && !!n.dragging === !!prev.nodes[i].dragging)
}

/** After the autosave delay (unless a drag is still on): keys and diagnostics if the runnable part changed, then the save. */
function scheduleSave(ed: Editor): void {
  clearTimeout(ed.sync.timer)
  ed.sync.timer = setTimeout(() => {
    // Mid-drag (a slow machine leaves more than the delay between moves): the drag's end saves.
    if (ed.graph.getState().nodes.some((n) => n.dragging)) return
    const now = runnablePart(ed.graph.getState())
    if (now !== ed.sync.lastRunnable) {
      ed.sync.lastRunnable = now
      refreshNow(ed).catch((e) => ed.ui.getState().toast(String(e), 'error'))
    }
    autosave(ed).catch(() => undefined)
  }, 200)
}

/**
 * Keeps derived state in step with edits: keys and diagnostics when the runnable part
 * changes, and the autosave on any change (positions and selection included) once a drag is over.
 * `opened`: the graph as it was opened, when sync starts later (the editor draws the first graph
 * before its backend is ready): an edit made meanwhile is saved now, not lost with a reload.
 */
export function startSync(ed: Editor, opened?: GraphState): () => void {
  ed.sync.drawn = undefined
  ed.sync.lastRunnable = runnablePart(opened ?? ed.graph.getState())
  if (opened && !sameSavedPart(ed.graph.getState(), opened)) scheduleSave(ed)
  return ed.graph.subscribe((s, prev) => {
    if (!sameSavedPart(s, prev)) scheduleSave(ed)
  })
}
