import * as tf from '@tensorflow/tfjs-core'
import { activateBackend } from './activate'
import { backendOrder, type BackendName } from './choose-backend'

/** The backends Node tries, in order: there is no GPU backend here (tfjs-node needs a native download), so wasm, then cpu. */
export const nodeBackendOrder = (forced?: BackendName): BackendName[] => backendOrder({ wasm: true }, forced)

/**
 * Registers a backend's package. Loaded when that backend is tried rather than on import: a CLI run served
 * from the cache starts no backend, and a run on wasm never loads the cpu fallback (≈ 30 ms of CPU to
 * register its kernels, in the CLI and again in every pool thread).
 */
async function loadBackend(name: BackendName): Promise<void> {
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu')
  if (name !== 'wasm') return
  await import('@tensorflow/tfjs-backend-wasm')
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
}

/** Starts the first backend of `nodeBackendOrder` that works; returns its name. */
export async function setupNodeBackend(forced?: BackendName): Promise<BackendName> {
  const { backend } = await activateBackend(nodeBackendOrder(forced), loadBackend)
  return backend
}
