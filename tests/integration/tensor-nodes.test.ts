import * as tf from '@tensorflow/tfjs-core'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { runGraph } from '../../runtime/exec/executor'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import { inProcessRunner, type NodeRunner } from '../../runtime/exec/runner'

/**
 * `tensors` on a node definition is what lets the CLI skip the backend's start (backend-on-demand.ts):
 * a node without it must never reach TensorFlow.js. Every example runs here one node at a time, and
 * each node's calls into tf's engine (tensors made, kernels run) are counted.
 */
const registry = createRegistry()
/** Shortened as in examples.test.ts: the same node types run, for less time. */
const shortened: Record<string, Record<string, Record<string, unknown>>> = {
  'cartpole-dqn': { dqn: { episodes: 3, learningStarts: 50 }, eval: { episodes: 2 } },
}

/** Counts the engine's calls that make tensors or run kernels. */
function countEngineCalls(): { readonly calls: number } {
  const engine = tf.engine() as unknown as Record<string, (...a: unknown[]) => unknown>
  const counter = { calls: 0 }
  for (const name of ['makeTensor', 'makeTensorFromDataId', 'makeTensorFromTensorInfo', 'makeVariable', 'runKernel']) {
    const original = engine[name].bind(engine)
    engine[name] = (...args) => {
      counter.calls++
      return original(...args)
    }
  }
  return counter
}

function example(file: string) {
  const loaded = loadDocument(readFileSync(`examples/${file}`, 'utf8'), registry)
  if (!loaded.ok) throw new Error(`cannot load ${file}`)
  const patch = shortened[file.replace(/\.json$/, '')] ?? {}
  // New params objects: a document's params are never changed in place (their parse is memoised by object).
  return { ...loaded.doc, nodes: loaded.doc.nodes.map((n) => (Object.hasOwn(patch, n.id) ? { ...n, params: { ...n.params, ...patch[n.id] } } : n)) }
}

/** The logistic regression example with a permutation importance of its trained model on the test rows. */
function withPermutation(doc: GraphDocument): GraphDocument {
  const edge = (id: string, from: string, fromPort: string, toPort: string) => ({ id, from: { node: from, port: fromPort }, to: { node: 'perm', port: toPort } })
  return {
    ...doc,
    nodes: [...doc.nodes, { id: 'perm', type: 'metric.permutation-importance', params: { repeats: 1 } }],
    edges: [...doc.edges, edge('permModel', 'train', 'model', 'model'), edge('permData', 'scale', 'data', 'data')],
  }
}

describe('nodes that use tensors', () => {
  let engine: { readonly calls: number }
  beforeAll(async () => {
    await setupNodeBackend()
    engine = countEngineCalls()
  })

  it('are the ones marked `tensors`: no other node of any example makes a tensor or runs a kernel', async () => {
    const used = new Set<string>()
    const marked = new Set<string>()
    // Calls already counted to a node: a search or cross-validation runs its inner nodes inside its own run.
    let counted = 0
    const runner: NodeRunner = {
      async run(task, env) {
        const [before, countedBefore] = [engine.calls, counted]
        const result = await inProcessRunner.run(task, env)
        const own = engine.calls - before - (counted - countedBefore)
        counted += own
        if (own > 0) used.add(task.def.type)
        if (task.def.tensors) marked.add(task.def.type)
        return result
      },
    }
    const graphs = readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => [f, example(f)] as const)
    // The examples measure permutation importance of a boosted tree only: here, of a network-trained logistic regression.
    graphs.push(['permutation of a logistic regression', withPermutation(example('iris-logistic-regression.json'))])
    for (const [name, doc] of graphs) {
      const report = await runGraph({ doc, registry, cache: new NodeCache(), runner, concurrency: 1, files: nodeFileProvider(resolve('examples')) })
      expect(Object.entries(report.nodes).filter(([, n]) => n.status !== 'ran' && n.status !== 'cached').map(([id]) => `${name}: ${id}`)).toEqual([])
    }
    const unmarked = [...used].filter((t) => !registry.get(t)?.tensors)
    expect(unmarked).toEqual([])
    // And each marked type that ran used tensors: none is marked for nothing.
    expect([...marked].filter((t) => !used.has(t))).toEqual([])
  }, 120_000)
})
