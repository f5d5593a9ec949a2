import * as tf from '@tensorflow/tfjs-core'
import type { BackendName } from './choose-backend'

/**
 * Tries each backend in order; `tf.setBackend` resolves false (rather than throwing) on failure,
 * so both outcomes are checked. Returns the backend in use and what failed on the way.
 */
export async function activateBackend(order: readonly BackendName[]): Promise<{ backend: BackendName; failed: string[] }> {
  const failed: string[] = []
  for (const name of order) {
    try {
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
