import type { GraphDocument } from '../../runtime/document/schema'
import { flattenGroups, innerIds } from '../../runtime/graph/groups'
import { withAncestors } from '../../runtime/graph/order'
import { buildTopology } from '../../runtime/graph/topology'
import type { RunEvent, RunReport } from '../../runtime/exec/events'
import { own } from '../../runtime/validate/own'
import type { RunRequest } from '../../runtime/worker/engine-api'
import type { Editor } from '../store/editor'
import { currentDoc, selectedIds } from '../store/selectors'
import { patchGraph } from './autosave-db'
import { CurveCollector } from '../../runtime/history/run-entry'
import { recordEditorRun } from './run-history-db'

export type RunMode = 'all' | 'to-selected' | 'rerun-selected'

/**
 * `ids` and the nodes they need, and nothing else: an unconnected node or a descendant is left
 * out. Cache keys depend only on a node and its ancestors, so results are the same ones.
 */
export function neededPart(doc: GraphDocument, ids: string[]): GraphDocument {
  const keep = withAncestors(buildTopology(doc), ids)
  return { ...doc, nodes: doc.nodes.filter((n) => keep.has(n.id)), edges: doc.edges.filter((e) => keep.has(e.from.node) && keep.has(e.to.node)) }
}

/**
 * The node a finished run should show: the last metrics node with a result, else the last node
 * with one (from the run's report: its events may still be in flight when the run resolves).
 */
function lastResultNode(ed: Editor, report: RunReport | undefined): string | undefined {
  if (!report) return undefined
  const descriptors = ed.ui.getState().descriptors
  const withResult = ed.graph
    .getState()
    .nodes.filter((n) => ['ran', 'cached'].includes(own(report.nodes, n.id)?.status ?? ''))
  return (withResult.findLast((n) => descriptors.get(n.data.nodeType)?.category === 'metric') ?? withResult.at(-1))?.id
}

/**
 * Collects run events and hands them over once per animation frame (the screen cannot show
 * more often), so hundreds of fast nodes cost one store update per frame, not one per event.
 * A hidden page has no frames: a timer stands in.
 */
function frameBatches(deliver: (events: RunEvent[]) => void) {
  let pending: RunEvent[] = []
  let scheduled = false
  let sawEnd = () => undefined as void
  // Events travel on their own message channel and may land after the run's result.
  const ended = new Promise<void>((resolve) => (sawEnd = resolve))
  const flush = () => {
    scheduled = false
    if (!pending.length) return
    const batch = pending
    pending = []
    deliver(batch)
  }
  const schedule = () => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(flush)
    else setTimeout(flush, 16)
  }
  return {
    ended,
    push: (e: RunEvent) => {
      if (e.type === 'run-end') sawEnd()
      pending.push(e)
      if (!scheduled) {
        scheduled = true
        schedule()
      }
    },
    flush,
  }
}

/** Runs the graph in the worker, streaming node events into the run store. */
export async function runGraph(ed: Editor, mode: RunMode): Promise<void> {
  const run = ed.run.getState()
  if (run.running) return
  const selected = selectedIds(ed)
  if (mode !== 'all' && !selected.length) {
    ed.ui.getState().toast('Select a node first.')
    return
  }
  const whole = currentDoc(ed)
  // A selected group stands for the nodes inside it; the run sees the flat graph.
  const chosen = innerIds(whole, selected)
  const doc = mode === 'all' ? whole : neededPart(flattenGroups(whole), chosen)
  const count = run.runCount
  run.begin({}) // running from the click on, so Cancel and the disabled Run show at once
  const keys = await ed.engine().keys(JSON.stringify(whole)).catch(() => ({}) as Record<string, string>)
  run.setKeys(keys)
  run.begin(keys)
  // A reload before the end finds this flag still set and says the run was interrupted.
  void patchGraph(ed.graphId, { running: true }).catch(() => undefined)
  const req: RunRequest = { doc, scope: 'editor', ...(mode === 'rerun-selected' ? { force: chosen } : {}) }
  let report: RunReport | undefined
  const events = frameBatches((batch) => ed.run.getState().applyAll(batch))
  const curves = new CurveCollector()
  try {
    report = await ed.engine().run(req, (e) => {
      curves.add(e)
      events.push(e)
    })
    await Promise.race([events.ended, new Promise((r) => setTimeout(r, 2000))])
  } catch (e) {
    ed.ui.getState().toast(`The run failed: ${(e as Error).message}`, 'error')
  } finally {
    events.flush()
    // A run that failed before its end event still ended: move the counter on.
    const s = ed.run.getState()
    ed.run.setState({ running: false, runCount: s.runCount === count ? count + 1 : s.runCount })
    void patchGraph(ed.graphId, { running: false, lastRun: ed.run.getState().lastRun }).catch(() => undefined)
  }
  if (report) void recordEditorRun(ed.graphId, whole, report, curves)
  // After a whole run with nothing selected, show its result (the metrics) rather than "Select a node".
  // Not over a node picked meanwhile: the run's end event (its own channel) can show the run as
  // over, and the user click a node, before the report arrives here.
  const show = mode === 'all' && selected.length === 0 ? lastResultNode(ed, report) : undefined
  if (show && !selectedIds(ed).length) ed.graph.getState().select([show])
}

export async function cancelRun(ed: Editor): Promise<void> {
  await ed.engine().cancel()
}
