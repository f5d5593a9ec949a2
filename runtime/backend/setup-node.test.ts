import * as tf from '@tensorflow/tfjs-core'
import { describe, expect, it } from 'vitest'
import { setupNodeBackend } from './setup-node'

const registered = (name: string) => tf.findBackend(name) !== null || Object.hasOwn(tf.engine().registryFactory, name)

describe('setupNodeBackend', () => {
  it('loads only the backend it starts: a wasm run never registers the cpu fallback; cpu registers when asked for', async () => {
    expect(await setupNodeBackend('wasm')).toBe('wasm')
    expect(registered('wasm')).toBe(true)
    expect(registered('cpu')).toBe(false)
    expect(await setupNodeBackend('cpu')).toBe('cpu')
    expect(tf.getBackend()).toBe('cpu')
    expect(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0])).toBe(5)
  })
})
