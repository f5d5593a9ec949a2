import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { runGraph } from '../../runtime/exec/executor'
import { Registry } from '../../runtime/registry'
import type { TrainedModel } from '../../runtime/values/ml'
import type { GradientState } from '../../ml/families/gradient'
import { allNodes } from '../../nodes'
import { modelNode } from '../../nodes/model'
import { fitNode } from '../../nodes/train/fit'
import { blobs } from '../support/model-testing'
import { params, paramsError, runNode, testContext } from '../support/table-testing'

beforeAll(async () => {
  await setupNodeBackend()
})

/** Weights of a network trained by the Train node (seed `trainSeed`) from a model node with `given` params. */
async function weights(type: 'mlp' | 'cnn', given: Record<string, unknown>, trainSeed: number): Promise<number[]> {
  const spec = (await runNode(modelNode(type), {}, given)).model
  const data = blobs([[0, 0], [3, 3], [0, 3], [3, 0]], 8, 1)
  const out = await fitNode.run({ model: spec, data }, params(fitNode, { epochs: 2, batchSize: 8, seed: trainSeed }), testContext().ctx)
  return ((out.model as TrainedModel).state as unknown as GradientState).weights.flatMap((w) => Array.from(w))
}

// Two features read as a 1 × 2 image.
const CNN = { height: 1, width: 2, filters: 2, kernel: 1, pool: 1, hidden: 4 }

describe('networks take their seed from their own seed param (scikit-learn\'s random_state)', () => {
  it.each([
    ['mlp', { layers: [{ units: 8, activation: 'relu', dropout: 0.2 }] }],
    ['cnn', CNN],
  ] as const)('%s: same seed same weights, another seed other weights, whatever the Train node\'s seed', async (type, given) => {
    const seeded = await weights(type, { ...given, seed: 5 }, 0)
    expect(await weights(type, { ...given, seed: 5 }, 9)).toEqual(seeded)
    expect(await weights(type, { ...given, seed: 6 }, 0)).not.toEqual(seeded)
    // −1, what version 1 nodes migrate to: the Train node's seed, as before networks had one.
    expect(await weights(type, { ...given, seed: -1 }, 5)).toEqual(seeded)
  })

  it('a new model node has seed 0; a seed below −1 is refused with its name', () => {
    const registry = new Registry(allNodes)
    expect(registry.defaults('model.mlp')).toMatchObject({ seed: 0 })
    expect(registry.defaults('model.cnn')).toMatchObject({ seed: 0 })
    expect(paramsError(modelNode('mlp'), { seed: -2 })).toBe('seed: Too small: expected number to be >=-1')
  })
})

describe('a graph saved before networks had a seed', () => {
  const registry = new Registry(allNodes)
  const text = readFileSync(new URL('../fixtures/network-seeds/networks-v1.json', import.meta.url), 'utf8')
  const recorded = JSON.parse(readFileSync(new URL('../fixtures/network-seeds/networks-v1.report.json', import.meta.url), 'utf8'))
  const cache = new NodeCache()

  async function trained(doc: GraphDocument) {
    const report = await runGraph({ doc, registry, cache })
    return { fitMlp: report.nodes.fitMlp.summary, fitCnn: report.nodes.fitCnn.summary }
  }

  const withSeed = (doc: GraphDocument, seed: number): GraphDocument => ({
    ...doc,
    nodes: doc.nodes.map((n) => (n.type === 'model.mlp' || n.type === 'model.cnn' ? { ...n, params: { ...n.params, seed } } : n)),
  })

  it('loads with the Train node\'s seed written in (−1), says so, and trains exactly what it trained before', async () => {
    const loaded = loadDocument(text, registry)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.diagnostics.filter((d) => d.code === 'node-migrated').map((d) => d.nodeId)).toEqual(['mlp', 'cnn'])
    expect(loaded.doc.nodes.filter((n) => n.type.startsWith('model.')).map((n) => n.params.seed)).toEqual([-1, -1])
    const now = await trained(loaded.doc)
    expect(now.fitMlp).toMatchObject(recorded.fitMlp)
    expect(now.fitCnn).toMatchObject(recorded.fitCnn)
    // The networks' own seed set to the Train node's (7) is the same training; their default (0) another one.
    expect(await trained(withSeed(loaded.doc, 7))).toEqual(now)
    const other = await trained(withSeed(loaded.doc, 0))
    expect(other.fitMlp?.loss).not.toBe(now.fitMlp?.loss)
    expect(other.fitCnn?.loss).not.toBe(now.fitCnn?.loss)
  })
})
