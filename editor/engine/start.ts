import { isBackendName } from '../../runtime/backend/choose-backend'
import { uiStore } from '../store'
import { defaultExample } from '../lib/examples'
import { decodeShareFragment } from '../lib/share-link'
import { loadSession } from './autosave-db'
import { engine, setEngine, type Engine } from './engine'
import { installExampleData, refreshFiles } from './files'
import { openDocument } from './open-document'
import { startSync } from './sync'

/** Which graph to show first: a share link, else the autosaved graph, else the default example. */
async function openInitial(): Promise<void> {
  let shared: string | undefined
  try {
    shared = decodeShareFragment(location.hash)
  } catch (e) {
    uiStore.getState().showProblems({ title: 'Could not open the share link', items: [{ path: '', message: (e as Error).message }] })
  }
  if (shared !== undefined) {
    // The link has done its job; a reload should show the edited graph, not the link again.
    history.replaceState(null, '', location.pathname + location.search)
    if (await openDocument(shared, 'the share link')) return
  }
  const saved = await loadSession()
  if (saved && (await openDocument(saved.doc, 'the autosaved graph', saved.selected))) return
  if (defaultExample) await openDocument(defaultExample.doc, defaultExample.file)
}

/** Boots the editor: engine, backend, node catalogue, first graph, then keeps state in sync. */
export async function startEditor(connect: () => Promise<Engine>): Promise<void> {
  const ui = uiStore.getState()
  try {
    setEngine(await connect())
    const forced = new URLSearchParams(location.search).get('backend') ?? ''
    const info = await engine().init(isBackendName(forced) ? { backend: forced } : undefined)
    uiStore.setState({ backend: info.backend, backendsAvailable: info.available })
    ui.setDescriptors(await engine().describe())
    await installExampleData()
    await refreshFiles()
    uiStore.setState({ engine: 'ready' })
  } catch (e) {
    uiStore.setState({ engine: 'failed', engineError: (e as Error).message })
    return
  }
  try {
    await openInitial()
  } catch (e) {
    ui.showProblems({ title: 'Could not open a graph', items: [{ path: '', message: (e as Error).message }] })
  }
  // Autosave starts whatever happened above: a bad link must not make later edits unsaved.
  startSync()
}
