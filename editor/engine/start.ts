import { isBackendName } from '../../runtime/backend/choose-backend'
import { defaultExample } from '../lib/examples'
import { decodeShareFragment } from '../lib/share-link'
import type { Editor } from '../store/editor'
import { listGraphs, loadGraph, type SavedGraph } from './autosave-db'
import type { Engine } from './engine'
import { installExampleData, refreshFiles } from './files'
import { checkDocument, openChecked, openDocument, type CheckedDocument } from './open-document'
import { keepCatalogue, keptCatalogue } from './catalogue-cache'
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

/** The graph text of the share link the page was opened with (the link is then cleared); undefined when none or damaged. */
function readShareLink(ed: Editor): string | undefined {
  let shared: string | undefined
  try {
    shared = decodeShareFragment(location.hash)
  } catch (e) {
    ed.ui.getState().showProblems({ title: 'Could not open the share link', items: [{ path: '', message: (e as Error).message }] })
  }
  // The link has done its job; a reload should show the edited graph, not the link again.
  if (shared !== undefined) history.replaceState(null, '', location.pathname + location.search)
  return shared
}

/** Which graph to show first: the share link (its check already under way), else this tab's saved graph, else the default example. */
async function openInitial(ed: Editor, link?: Promise<CheckedDocument>): Promise<void> {
  if (link && (await openChecked(ed, link, 'the share link'))) return
  const saved = await savedGraphForTab()
  if (saved && (await restore(ed, saved))) return
  if (defaultExample) await openDocument(ed, defaultExample.doc, defaultExample.file)
}

/** Starts the backend (its wasm loads in the worker), then the pool's workers and the remote queue as saved. */
async function startBackend(ed: Editor, workers?: WorkerSettings): Promise<void> {
  const forced = new URLSearchParams(location.search).get('backend') ?? ''
  const info = await ed.engine().init(isBackendName(forced) ? { backend: forced } : undefined)
  ed.ui.setState({ backend: info.backend, backendsAvailable: info.available })
  // Not awaited: the pool's workers load while the graph opens; a run starts them if need be.
  if (workers) void chooseWorkers(ed, savedWorkers(workers), workers.storage)
  const remote = workers ? savedRemote(workers.storage) : undefined
  if (workers && remote?.url) void chooseRemote(ed, remote, workers.storage)
  const wasmFailure = info.failed.find((f) => f.startsWith('wasm:'))
  if (wasmFailure && info.backend === 'cpu') ed.ui.getState().toast(`Running on the slower cpu backend: ${wasmFailure.slice(6)}.`, 'error')
}

/**
 * The node catalogue (kept from this build's last visit, else the worker's) and the names of stored
 * files (example data installed first): what cards need to be drawn.
 */
async function loadCatalogue(ed: Editor, storage?: WorkerSettings['storage']): Promise<void> {
  const kept = storage && keptCatalogue(storage)
  const [descriptors] = await Promise.all([kept ?? ed.engine().describe(), installExampleData(ed).then(() => refreshFiles(ed))])
  ed.ui.getState().setDescriptors(descriptors)
  if (storage && !kept) keepCatalogue(storage, descriptors)
}

/**
 * Boots an editor: engine, backend, its workers (when `workers` says where the choice is kept),
 * node catalogue, first graph, then keeps state in sync. Opening the first graph needs the
 * catalogue, not the backend: the two load side by side, so a share link is drawn sooner.
 */
export async function startEditor(ed: Editor, connect: () => Promise<Engine>, workers?: WorkerSettings): Promise<void> {
  const ui = ed.ui.getState()
  const failed = (e: unknown) => ed.ui.setState({ engine: 'failed', engineError: (e as Error).message })
  const connecting = connect()
  // Decoded while the worker loads.
  const shared = readShareLink(ed)
  let backend: Promise<void>
  let link: Promise<CheckedDocument> | undefined
  try {
    ed.setEngine(await connecting)
    // The worker checks the link while it starts the backend and describes the nodes.
    link = shared === undefined ? undefined : checkDocument(ed, shared)
    backend = startBackend(ed, workers)
    // Both are awaited below; settled here too, so neither is an unhandled rejection meanwhile.
    for (const p of [link, backend]) p?.catch(() => undefined)
    await loadCatalogue(ed, workers?.storage)
  } catch (e) {
    return failed(e)
  }
  // Autosave starts as soon as the first graph is open (whatever happened: a bad link must not make
  // later edits unsaved), not once the backend is ready: an edit made while the backend loads is then
  // saved even if the tab is hidden (its timers slowed) and reloaded before the backend is up.
  const opened = openInitial(ed, link)
    .then(
      // As drawn, not as now: an edit made while the open awaited keys and cached results is saved.
      () => ed.sync.drawn ?? ed.graph.getState(),
      (e: unknown) => {
        ui.showProblems({ title: 'Could not open a graph', items: [{ path: '', message: (e as Error).message }] })
        return undefined
      },
    )
    .then((state) => void startSync(ed, state))
  try {
    await backend
    ed.ui.setState({ engine: 'ready' })
  } catch (e) {
    failed(e)
  } finally {
    await opened
  }
}
