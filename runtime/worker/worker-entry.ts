import '../no-eval'
import * as Comlink from 'comlink'
import sqlWasm from 'sql.js/dist/sql-wasm-browser.wasm?url'
import { createRegistry } from '../../nodes'
import { setSqlWasmUrl } from '../../nodes/data/sql-engine'
import { setupBrowserBackend } from '../backend/setup-browser'
import { IdbStore } from '../cache/idb-store'
import { browserPool } from './browser-pool'
import { NodeCache } from '../cache/node-cache'
import { Engine } from './engine'
import { BrowserFileStore } from './file-store'
import { READY_MESSAGE } from './ready'

/** The execution worker: all node runs, tensors and cache I/O happen here, off the UI thread. */
setSqlWasmUrl(sqlWasm)
const engine = new Engine({
  registry: createRegistry(),
  cache: new NodeCache({ memoryBytes: 512 * 2 ** 20, store: new IdbStore() }),
  files: new BrowserFileStore(),
  async startBackend(opts) {
    const { backend, failed, available } = await setupBrowserBackend(opts?.backend)
    return { backend, failed, available }
  },
  pool: browserPool,
})

Comlink.expose(engine)
self.postMessage(READY_MESSAGE)
