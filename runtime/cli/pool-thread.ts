import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../backend/setup-node'
import { outboundFetch } from '../net/outbound-fetch'
import { setNetworkPolicy } from '../net/policy'
import { lookupAll } from './net-lookup'
import { serveThread } from './thread-pool'

/** A CLI pool thread: the same registry, backend and network policy as `pipeline run`'s main thread. */
serveThread(createRegistry(), async (setup) => {
  setNetworkPolicy({ allowPrivate: setup.allowNet, lookup: lookupAll, howToAllow: 'run with --allow-net', fetch: outboundFetch })
  return setupNodeBackend(setup.backend === 'cpu' || setup.backend === 'wasm' ? setup.backend : undefined)
})
