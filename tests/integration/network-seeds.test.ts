import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { runGraph } from '../../runtime/exec/executor'
import { Registry } from '../../runtime/registry'
import type { OptimizerSpec, TrainedModel } from '../../runtime/values/ml'
import type { GradientState } from '../../ml/families/gradient'
import { allNodes } from '../../nodes'
import { modelNode } from '../../nodes/model'
import { fitNode } from '../../nodes/train/fit'
import { blobs, linearData } from '../support/model-testing'
import { params, paramsError, runNode, testContext } from '../support/table-testing'

beforeAll(async () => {
  await setupNodeBackend()
})

/** Weights of a network trained by the Train node (seed `trainSeed`) from a model node with `given` params. */
async function weights(type: string, given: Record<string, unknown>, trainSeed: number, data = blobs([[0, 0], [3, 3], [0, 3], [3, 0]], 8, 1)): Promise<number[]> {
  const spec = (await runNode(modelNode(type), {}, given)).model
  // An optimizer wired: linear and logistic regression train by gradient (else they are solved exactly, drawing nothing).
  const out = await fitNode.run({ model: spec, data, optimizer: ADAM }, params(fitNode, { epochs: 2, batchSize: 8, seed: trainSeed }), testContext().ctx)
  return ((out.model as TrainedModel).state as unknown as GradientState).weights.flatMap((w) => Array.from(w))
}

const ADAM: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } }

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

  it.each(['linear-regression', 'logistic-regression'] as const)('%s trained by gradient: the same rule for its own seed', async (type) => {
    const data = type === 'linear-regression' ? linearData([1, -2], 0.5, 32) : blobs([[0, 0], [3, 3]], 16, 1)
    const seeded = await weights(type, { seed: 5 }, 0, data)
    expect(await weights(type, { seed: 5 }, 9, data)).toEqual(seeded)
    expect(await weights(type, { seed: 6 }, 0, data)).not.toEqual(seeded)
    expect(await weights(type, { seed: -1 }, 5, data)).toEqual(seeded)
  })

  it('a new model node has seed 0; a seed below −1 is refused with its name', () => {
    expect(registry.defaults('model.mlp')).toMatchObject({ seed: 0 })
    expect(registry.defaults('model.cnn')).toMatchObject({ seed: 0 })
    expect(paramsError(modelNode('mlp'), { seed: -2 })).toBe('seed: Too small: expected number to be >=-1')
  })
})

const registry = new Registry(allNodes)
const fixture = (name: string) => readFileSync(new URL(`../fixtures/network-seeds/${name}`, import.meta.url), 'utf8')

/** Every model node's seed set to `seed`. */
const withSeed = (doc: GraphDocument, seed: number): GraphDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) => (n.type.startsWith('model.') ? { ...n, params: { ...n.params, seed } } : n)),
})

describe.each([
  ['networks', 'networks-v1', ['mlp', 'cnn'], ['fitMlp', 'fitCnn']],
  ['linear and logistic regression', 'linear-v1', ['logistic', 'linear'], ['fitLogistic', 'fitLinear']],
] as const)('a graph saved before %s had a seed', (_, name, models, fits) => {
  const recorded = JSON.parse(fixture(`${name}.report.json`))
  const cache = new NodeCache()

  async function trained(doc: GraphDocument) {
    const report = await runGraph({ doc, registry, cache })
    return fits.map((id) => report.nodes[id].summary)
  }

  it('loads with the Train node\'s seed written in (−1), says so, and trains exactly what it trained before', async () => {
    const loaded = loadDocument(fixture(`${name}.json`), registry)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.diagnostics.filter((d) => d.code === 'node-migrated').map((d) => d.nodeId)).toEqual(models)
    expect(loaded.doc.nodes.filter((n) => n.type.startsWith('model.')).map((n) => n.params.seed)).toEqual([-1, -1])
    const now = await trained(loaded.doc)
    fits.forEach((id, i) => expect(now[i]).toMatchObject(recorded[id]))
    // The models' own seed set to the Train node's (7) is the same training; their default (0) another one.
    expect(await trained(withSeed(loaded.doc, 7))).toEqual(now)
    const other = await trained(withSeed(loaded.doc, 0))
    fits.forEach((_, i) => expect(other[i]?.loss).not.toBe(now[i]?.loss))
  })
})
