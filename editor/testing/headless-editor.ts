import 'fake-indexeddb/auto'
import { NodeCache } from '../../runtime/cache/node-cache'
import { describeNode, type Registry } from '../../runtime/registry'
import { Engine as RuntimeEngine } from '../../runtime/worker/engine'
import { BrowserFileStore } from '../../runtime/worker/file-store'
import { createEditor, type Editor } from '../store/editor'

let count = 0

/**
 * A new editor without React (tldraw's TestEditor is the model): its own stores, wired to its
 * own in-process engine (the given nodes, a memory cache, the browser file store on a fresh
 * fake IndexedDB, hashing real bytes). Tests drive edits and runs as the UI does and read
 * what the UI would show; nothing is shared with another instance.
 */
export function headlessEditor(registry: Registry): Editor & { runtime: RuntimeEngine } {
  const runtime = new RuntimeEngine({
    registry,
    cache: new NodeCache(),
    files: new BrowserFileStore(`mlcanvas-files-test-${++count}`),
    startBackend: async () => ({ backend: 'cpu', failed: [], available: ['cpu'] }),
  })
  const ed = createEditor()
  ed.setEngine(runtime)
  ed.ui.getState().setDescriptors(registry.list().map(describeNode))
  ed.ui.setState({ engine: 'ready' })
  return Object.assign(ed, { runtime })
}
