import * as tf from '@tensorflow/tfjs-core'
import type { BackendName } from './choose-backend'

/**
 * Tries each backend in order; `tf.setBackend` resolves false (rather than throwing) on failure,
 * so both outcomes are checked. `load` registers a backend's package just before it is tried, so a
 * fallback that is never needed is never loaded. Returns the backend in use and what failed on the way.
 */
export async function activateBackend(
  order: readonly BackendName[],
  load?: (name: BackendName) => Promise<unknown>,
): Promise<{ backend: BackendName; failed: string[] }> {
  const failed: string[] = []
  for (const name of order) {
    try {
      await load?.(name)
      if (tf.findBackend(name) === null && !tf.engine().registryFactory[name]) {
        failed.push(`${name}: not registered`)
        continue
      }
      if (await tf.setBackend(name)) {
        await tf.ready()
        return { backend: name, failed }
      }
      failed.push(`${name}: failed to initialise`)
    } catch (e) {
      failed.push(`${name}: ${(e as Error).message}`)
    }
  }
  throw new Error(`No TensorFlow.js backend could start (${failed.join('; ')}).`)
}
