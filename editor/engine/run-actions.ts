import type { RunRequest } from '../../runtime/worker/engine-api'
import { runStore, uiStore } from '../store'
import { currentDoc, selectedIds } from '../store/selectors'
import { engine } from './engine'

export type RunMode = 'all' | 'to-selected' | 'rerun-selected'

/** Runs the graph in the worker, streaming node events into the run store. */
export async function runGraph(mode: RunMode): Promise<void> {
  const run = runStore.getState()
  if (run.running) return
  const selected = selectedIds()
  if (mode !== 'all' && !selected.length) {
    uiStore.getState().toast('Select a node first.')
    return
  }
  const doc = currentDoc()
  const count = run.runCount
  run.begin({}) // running from the click on, so Cancel and the disabled Run show at once
  const keys = await engine().keys(doc).catch(() => ({}) as Record<string, string>)
  run.setKeys(keys)
  run.begin(keys)
  const req: RunRequest = {
    doc,
    scope: 'editor',
    ...(mode === 'to-selected' ? { to: selected[0] } : {}),
    ...(mode === 'rerun-selected' ? { force: selected } : {}),
  }
  try {
    await engine().run(req, (e) => runStore.getState().apply(e))
  } catch (e) {
    uiStore.getState().toast(`The run failed: ${(e as Error).message}`, 'error')
  } finally {
    // A run that failed before its end event still ended: move the counter on.
    const s = runStore.getState()
    runStore.setState({ running: false, runCount: s.runCount === count ? count + 1 : s.runCount })
  }
}

export async function cancelRun(): Promise<void> {
  await engine().cancel()
}
