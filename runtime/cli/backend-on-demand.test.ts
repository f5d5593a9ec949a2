import { describe, expect, it } from 'vitest'
import { NodeCache } from '../cache/node-cache'
import { runGraph } from '../exec/executor'
import { inProcessRunner } from '../exec/runner'
import { defineNode } from '../node-api/define-node'
import { Registry } from '../registry'
import { graph } from '../../tests/support/graph'
import { addNode, testNodes } from '../../tests/support/test-nodes'
import { backendOnDemand } from './backend-on-demand'

/** test.add, as a node that uses tensors. */
const tensorAdd = defineNode({ ...addNode, type: 'test.tensor-add', tensors: true })
const registry = new Registry([...testNodes, tensorAdd])
/** a → sum (tensors) → last; `tap` hangs off a without tensors. */
const mixed = () =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['sum', 'test.tensor-add', { offset: 1 }],
      ['last', 'test.add', { offset: 7 }],
      ['tap', 'test.add', { offset: 100 }],
    ],
    ['a.out->sum.a', 'sum.out->last.a', 'a.out->tap.a'],
  )

describe('backendOnDemand', () => {
  it('starts the backend once, for the nodes that use tensors, and not at all when none of them runs', async () => {
    let starts = 0
    const start = async () => void (starts += 1)
    const cache = new NodeCache()
    const first = await runGraph({ doc: mixed(), registry, cache, runner: backendOnDemand(inProcessRunner, start), concurrency: 4 })
    expect([first.ran, starts]).toEqual([4, 1])
    // Served from the cache (a reload): no start.
    const reload = await runGraph({ doc: mixed(), registry, cache, runner: backendOnDemand(inProcessRunner, start) })
    expect([reload.cached, reload.ran, starts]).toEqual([4, 0, 1])
    // A leaf without tensors edited: it runs, nothing starts the backend.
    const edited = mixed()
    edited.nodes[3].params = { offset: 5 }
    const leaf = await runGraph({ doc: edited, registry, cache, runner: backendOnDemand(inProcessRunner, start) })
    expect([leaf.ran, leaf.nodes.tap.status, starts]).toEqual([1, 'ran', 1])
    // The node with tensors edited: started again (a new process's runner).
    edited.nodes[1].params = { offset: 2 }
    const again = await runGraph({ doc: edited, registry, cache, runner: backendOnDemand(inProcessRunner, start) })
    expect([again.ran, starts]).toEqual([2, 2])
  })

  it('starts the backend and runs again a node that makes tensors without the mark, when none had started', async () => {
    let up = false
    const unmarked = defineNode({
      ...addNode,
      type: 'test.unmarked-tensors',
      run: (inputs, params, ctx) => {
        // What tf throws at the first op when no backend package is registered.
        if (!up) throw new Error('No backend found in registry.')
        return addNode.run(inputs, params, ctx)
      },
    })
    const doc = graph([['a', 'test.const', { value: 2 }], ['b', 'test.unmarked-tensors', { offset: 1 }]], ['a.out->b.a'])
    let starts = 0
    const runner = backendOnDemand(inProcessRunner, async () => void ((up = true), (starts += 1)))
    const report = await runGraph({ doc, registry: new Registry([...testNodes, unmarked]), cache: new NodeCache(), runner })
    expect([report.nodes.b.status, report.nodes.b.summary, starts]).toEqual(['ran', { value: 3 }, 1])
  })

  it('fails the nodes that need it, with the reason, when the backend cannot start', async () => {
    const runner = backendOnDemand(inProcessRunner, () => Promise.reject(new Error('No TensorFlow.js backend could start (wasm: failed).')))
    const report = await runGraph({ doc: mixed(), registry, cache: new NodeCache(), runner })
    expect(report.nodes.sum).toMatchObject({ status: 'error', error: expect.stringContaining('No TensorFlow.js backend could start') })
    expect([report.nodes.a.status, report.nodes.tap.status, report.nodes.last.status]).toEqual(['ran', 'ran', 'blocked'])
  })
})
