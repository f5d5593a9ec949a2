import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { activateBackend } from './activate'
import { backendOrder, type BackendName } from './choose-backend'

/** Node has no GPU backend here (tfjs-node needs a native download): wasm, then cpu. */
export async function setupNodeBackend(forced?: BackendName): Promise<BackendName> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  const { backend } = await activateBackend(backendOrder({ wasm: true }, forced))
  return backend
}
