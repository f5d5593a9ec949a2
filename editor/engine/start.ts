import { isBackendName } from '../../runtime/backend/choose-backend'
import { defaultExample } from '../lib/examples'
import { decodeShareFragment } from '../lib/share-link'
import type { Editor } from '../store/editor'
import { listGraphs, loadGraph, type SavedGraph } from './autosave-db'
import type { Engine } from './engine'
import { installExampleData, refreshFiles } from './files'
import { openDocument } from './open-document'
import { autosave, startSync } from './sync'
import { chooseWorkers, savedWorkers, type WorkerSettings } from './workers'
import { chooseRemote, savedRemote } from './remote-queue'
import { claimGraph, graphsInUse, tabGraphId } from './tab-graph'

/** The saved graph this tab reopens: its own (a reload), else the newest one no open tab holds. */
async function savedGraphForTab(): Promise<SavedGraph | undefined> {
  const own = tabGraphId()
  if (own) {
    const rec = await loadGraph(own)
    if (rec) return rec
  }
  const taken = await graphsInUse()
  return (await listGraphs()).find((g) => !taken.has(g.id))
}

/** Reopens a saved graph as this tab's, with its last run line and a word if a run was cut off. */
async function restore(ed: Editor, rec: SavedGraph): Promise<boolean> {
  ed.graphId = rec.id
  claimGraph(rec.id)
  if (!(await openDocument(ed, rec.doc, 'the autosaved graph', { selected: rec.selected, as: 'restore' }))) return false
  ed.run.setState({ lastRun: rec.lastRun, interrupted: rec.running === true })
  if (rec.running) {
    ed.ui.getState().toast('The last run was interrupted by a reload; finished nodes kept their results. Run again to finish.', 'error')
    await autosave(ed)
  }
  return true
}

/** Which graph to show first: a share link, else this tab's saved graph, else the default example. */
async function openInitial(ed: Editor): Promise<void> {
  let shared: string | undefined
  try {
    shared = decodeShareFragment(location.hash)
  } catch (e) {
    ed.ui.getState().showProblems({ title: 'Could not open the share link', items: [{ path: '', message: (e as Error).message }] })
  }
  if (shared !== undefined) {
    // The link has done its job; a reload should show the edited graph, not the link again.
    history.replaceState(null, '', location.pathname + location.search)
    if (await openDocument(ed, shared, 'the share link')) return
  }
  const saved = await savedGraphForTab()
  if (saved && (await restore(ed, saved))) return
  if (defaultExample) await openDocument(ed, defaultExample.doc, defaultExample.file)
}

/**
 * Boots an editor: engine, backend, its workers (when `workers` says where the choice is kept),
 * node catalogue, first graph, then keeps state in sync.
 */
export async function startEditor(ed: Editor, connect: () => Promise<Engine>, workers?: WorkerSettings): Promise<void> {
  const ui = ed.ui.getState()
  try {
    ed.setEngine(await connect())
    const forced = new URLSearchParams(location.search).get('backend') ?? ''
    const info = await ed.engine().init(isBackendName(forced) ? { backend: forced } : undefined)
    ed.ui.setState({ backend: info.backend, backendsAvailable: info.available })
    // Not awaited: the pool's workers load while the graph opens; a run starts them if need be.
    if (workers) void chooseWorkers(ed, savedWorkers(workers), workers.storage)
    const remote = workers ? savedRemote(workers.storage) : undefined
    if (workers && remote?.url) void chooseRemote(ed, remote, workers.storage)
    const wasmFailure = info.failed.find((f) => f.startsWith('wasm:'))
    if (wasmFailure && info.backend === 'cpu') ui.toast(`Running on the slower cpu backend: ${wasmFailure.slice(6)}.`, 'error')
    ui.setDescriptors(await ed.engine().describe())
    await installExampleData(ed)
    await refreshFiles(ed)
    ed.ui.setState({ engine: 'ready' })
  } catch (e) {
    ed.ui.setState({ engine: 'failed', engineError: (e as Error).message })
    return
  }
  try {
    await openInitial(ed)
  } catch (e) {
    ui.showProblems({ title: 'Could not open a graph', items: [{ path: '', message: (e as Error).message }] })
  }
  // Autosave starts whatever happened above: a bad link must not make later edits unsaved.
  startSync(ed)
}
