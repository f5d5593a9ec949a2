import * as tf from '@tensorflow/tfjs-core'
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import { runGraph } from '../../runtime/exec/executor'

const registry = createRegistry()

async function example(name: string) {
  const loaded = loadDocument(await readFile(`examples/${name}.json`, 'utf8'), registry)
  if (!loaded.ok) throw new Error(`cannot load ${name}`)
  return loaded.doc
}

describe('tensor memory', () => {
  beforeAll(async () => {
    await setupNodeBackend()
  })

  it('is back to its baseline after training runs, cached runs and a cancelled run', async () => {
    const doc = await example('two-moons-mlp')
    const baseline = tf.memory().numTensors
    const cache = new NodeCache()
    const first = await runGraph({ doc, registry, cache, backend: 'wasm' })
    expect(Object.values(first.nodes).every((n) => n.status === 'ran')).toBe(true)
    expect(tf.memory().numTensors).toBe(baseline)

    await runGraph({ doc, registry, cache, backend: 'wasm', force: [doc.nodes[0].id] })
    expect(tf.memory().numTensors).toBe(baseline)

    const controller = new AbortController()
    const cancelled = await runGraph({
      doc,
      registry,
      cache: new NodeCache(),
      backend: 'wasm',
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.fraction > 0.2) controller.abort()
      },
    })
    expect(Object.values(cancelled.nodes).some((n) => n.status === 'cancelled')).toBe(true)
    expect(tf.memory().numTensors).toBe(baseline)
  }, 120_000)
})
