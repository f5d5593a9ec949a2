import { describe, expect, it } from 'vitest'
import { NodeCache } from '../cache/node-cache'
import { runGraph } from '../exec/executor'
import { inProcessRunner } from '../exec/runner'
import { sumGraph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { backendOnDemand } from './backend-on-demand'

describe('backendOnDemand', () => {
  it('starts the backend once when nodes run, and not at all when every node is cached', async () => {
    let starts = 0
    const runner = backendOnDemand(inProcessRunner, async () => void (starts += 1))
    const cache = new NodeCache()
    const registry = testRegistry()
    const first = await runGraph({ doc: sumGraph(), registry, cache, runner, concurrency: 4 })
    expect([first.ran, starts]).toEqual([6, 1])
    const reload = await runGraph({ doc: sumGraph(), registry, cache, runner: backendOnDemand(inProcessRunner, async () => void (starts += 1)) })
    expect([reload.cached, reload.ran, starts]).toEqual([6, 0, 1])
  })

  it('fails the nodes that need it, with the reason, when the backend cannot start', async () => {
    const runner = backendOnDemand(inProcessRunner, () => Promise.reject(new Error('No TensorFlow.js backend could start (wasm: failed).')))
    const report = await runGraph({ doc: sumGraph(), registry: testRegistry(), cache: new NodeCache(), runner })
    expect(report.nodes.a).toMatchObject({ status: 'error', error: expect.stringContaining('No TensorFlow.js backend could start') })
  })
})
