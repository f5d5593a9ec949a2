import type { Diagnostic } from '../../runtime/validate/diagnostics'
import { canonicalJson } from '../../runtime/keys/canonical'
import { graphStore, runStore, uiStore } from '../store'
import { currentDoc, selectedIds } from '../store/selectors'
import { saveSession } from './autosave-db'
import { engine } from './engine'

let timer: ReturnType<typeof setTimeout> | undefined
let lastRunnable = ''
let generation = 0

/** Recomputes cache keys (for "stale") and diagnostics for the graph as it is now. */
export async function refreshNow(): Promise<void> {
  const doc = currentDoc()
  const mine = ++generation
  const [keys, check] = await Promise.all([engine().keys(doc), engine().validate(doc)])
  if (mine !== generation) return // a newer edit already asked again
  runStore.getState().setKeys(keys)
  const byNode = new Map<string, Diagnostic[]>()
  for (const d of check.diagnostics) if (d.nodeId) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d])
  uiStore.setState({ diagnostics: byNode })
}

/** What decides cache keys and diagnostics: types, params and wires, not positions. */
function runnablePart(): string {
  const { nodes, edges } = graphStore.getState()
  return canonicalJson({
    n: nodes.map((n) => [n.id, n.data.nodeType, n.data.params]),
    e: edges.map((e) => [e.source, e.sourceHandle, e.target, e.targetHandle]),
  })
}

/**
 * Keeps derived state in step with edits: keys and diagnostics when the runnable part
 * changes, and the autosave on any change (positions and selection included).
 */
export function startSync(): () => void {
  lastRunnable = runnablePart()
  return graphStore.subscribe(() => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      const now = runnablePart()
      if (now !== lastRunnable) {
        lastRunnable = now
        refreshNow().catch((e) => uiStore.getState().toast(String(e), 'error'))
      }
      saveSession(currentDoc(), selectedIds()).catch(() => undefined)
    }, 200)
  })
}
