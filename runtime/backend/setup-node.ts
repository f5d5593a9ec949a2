import * as tf from '@tensorflow/tfjs-core'
import { activateBackend } from './activate'
import { backendOrder, type BackendName } from './choose-backend'

/** The backends Node tries, in order: there is no GPU backend here (tfjs-node needs a native download), so wasm, then cpu. */
export const nodeBackendOrder = (forced?: BackendName): BackendName[] => backendOrder({ wasm: true }, forced)

/** Starts the first backend of `nodeBackendOrder` that works; returns its name. */
export async function setupNodeBackend(forced?: BackendName): Promise<BackendName> {
  // Loaded here rather than on import: a CLI run served from the cache starts no backend and skips them.
  await Promise.all([import('@tensorflow/tfjs-backend-cpu'), import('@tensorflow/tfjs-backend-wasm')])
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  const { backend } = await activateBackend(nodeBackendOrder(forced))
  return backend
}
