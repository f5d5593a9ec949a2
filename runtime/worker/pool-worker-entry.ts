import '../no-eval'
import sqlWasm from 'sql.js/dist/sql-wasm-browser.wasm?url'
import { createRegistry } from '../../nodes'
import { setSqlWasmUrl } from '../../nodes/data/sql-engine'
import { isBackendName } from '../backend/choose-backend'
import { setupBrowserBackend } from '../backend/setup-browser'
import type { ToWorker } from '../exec/pool/protocol'
import type { PoolSetup } from './pool-port'
import { servePoolWorker } from './pool-worker'

/**
 * A browser pool worker, started by the engine worker (runtime/worker/browser-pool.ts): the same
 * node types and backend as the engine; it runs the nodes it is sent and keeps no cache (the
 * engine reads and writes the IndexedDB cache, so every worker's results land in one place).
 */
setSqlWasmUrl(sqlWasm)
servePoolWorker(
  {
    post: (m) => self.postMessage(m),
    onMessage: (listener) => self.addEventListener('message', (e: MessageEvent<ToWorker | PoolSetup>) => listener(e.data)),
  },
  createRegistry(),
  async (name) => (await setupBrowserBackend(isBackendName(name) ? name : undefined)).backend,
)
