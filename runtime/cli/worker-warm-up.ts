import { NodeCache } from '../cache/node-cache'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../document/schema'
import { runGraph } from '../exec/executor'
import type { Registry } from '../registry'

const NODES: [id: string, type: string, params: Record<string, unknown>][] = [
  ['moons', 'data.moons', { samples: 600, noise: 0.2, seed: 1 }],
  ['split', 'transform.split', { test: 0.2, validation: 0.2, seed: 0 }],
  ['spec', 'model.mlp', { layers: [{ units: 16, activation: 'relu', dropout: 0 }] }],
  ['opt', 'optimizer.adam', {}],
  ['train', 'train.fit', { epochs: 10, batchSize: 32 }],
  ['predict', 'predict.apply', {}],
  ['metrics', 'metric.classification', {}],
]
const EDGES = ['moons.data split.data', 'split.data train.data', 'spec.model train.model', 'opt.optimizer train.optimizer']
  .concat(['train.model predict.model', 'split.data predict.data', 'predict.predictions metrics.predictions'])
  .map((e, i) => {
    const [[fn, fp], [tn, tp]] = e.split(' ').map((end) => end.split('.'))
    return { id: `e${i}`, from: { node: fn, port: fp }, to: { node: tn, port: tp } }
  })

/** A small network trained on two moons (a new training seed per round): a typical training job's code paths. */
function warmUpGraph(round: number): GraphDocument {
  const nodes = NODES.map(([id, type, params]) => ({ id, type, params: id === 'train' ? { ...params, seed: round } : params }))
  return { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes, edges: EDGES, meta: {} }
}

/**
 * Trains small networks in memory (no cache shared with anyone) until `budgetMs` of CPU time is
 * spent, before the worker takes jobs. A fresh Node process runs its first trainings several
 * times slower than later ones while V8 compiles the hot training and tfjs dispatch code (measured:
 * a 20-epoch fit of 600 rows costs ≈ 900 ms of CPU first, ≈ 220 ms from about the tenth on). A
 * worker that pays this before serving does not pay it on jobs, so N new workers are not N slow
 * starts sharing the same cores. Resolves with the rounds run, or 0 when this registry lacks the
 * node types (a custom build).
 */
export async function warmUp(registry: Registry, backend: string, budgetMs: number): Promise<number> {
  if (!NODES.every(([, type]) => registry.get(type))) return 0
  const start = process.cpuUsage()
  const spent = () => {
    const u = process.cpuUsage(start)
    return (u.user + u.system) / 1000
  }
  let rounds = 0
  while (spent() < budgetMs && rounds < 50) {
    const report = await runGraph({ doc: warmUpGraph(rounds), registry, cache: new NodeCache({}), backend, concurrency: 1 })
    if (report.ran !== NODES.length) return rounds
    rounds++
  }
  return rounds
}
