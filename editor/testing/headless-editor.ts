import 'fake-indexeddb/auto'
import { NodeCache } from '../../runtime/cache/node-cache'
import { describeNode, type Registry } from '../../runtime/registry'
import { Engine as RuntimeEngine } from '../../runtime/worker/engine'
import { setEngine } from '../engine/engine'
import { graphStore, runStore, uiStore } from '../store'

/**
 * The editor without React: its stores wired to a real in-process engine (test nodes, memory
 * cache), so tests drive edits and runs as the UI does and read what the UI would show.
 */
export function headlessEditor(registry: Registry) {
  const files = new Map<string, Uint8Array>()
  const engine = new RuntimeEngine({
    registry,
    cache: new NodeCache(),
    files: {
      async resolve(name) {
        const bytes = files.get(name)
        if (!bytes) throw new Error(`No file named "${name}".`)
        return { name, bytes, hash: `h${bytes.length}` }
      },
      async put(name, bytes) {
        files.set(name, new Uint8Array(bytes))
        return `h${bytes.byteLength}`
      },
      async list() {
        return [...files].map(([name, b]) => ({ name, bytes: b.length, hash: `h${b.length}` }))
      },
      async hashOf(name) {
        const bytes = files.get(name)
        return bytes && `h${bytes.length}`
      },
    },
    startBackend: async () => ({ backend: 'cpu', failed: [], available: ['cpu'] }),
  })
  setEngine(engine)
  uiStore.getState().setDescriptors(registry.list().map(describeNode))
  uiStore.setState({ engine: 'ready', problems: null, toasts: [] })
  runStore.getState().reset()
  graphStore.temporal.getState().clear()
  return { engine, graph: graphStore, run: runStore, ui: uiStore }
}
