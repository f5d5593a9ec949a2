import { describe, expect, it } from 'vitest'
import type { NodeEvent } from '../../../runtime/exec/events'
import { Cancelled, nodeContext, runNode } from '../../../runtime/exec/node-runner'
import type { NodeKey } from '../../../runtime/keys/cache-keys'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const keyFor = (type: string, params: Record<string, unknown>, key = 'ab'.repeat(16)): NodeKey => ({
  key,
  recipe: { type, version: 1, params: registry.resolveParams(type, params), inputs: {}, files: {} },
})
const env = (signal = new AbortController().signal) => {
  const events: NodeEvent[] = []
  return { events, env: { signal, emit: (e: NodeEvent) => void events.push(e), backend: 'cpu' } }
}
const node = (type: string) => ({ id: 'n', type, params: {} })

describe('runNode', () => {
  it('runs the node with its recipe params and summarizes the outputs', async () => {
    const { env: e } = env()
    const a = { kind: 'metrics', scalars: { value: 2 } }
    const result = await runNode(node('test.add'), registry.get('test.add')!, keyFor('test.add', { offset: 3 }), { a }, e)
    expect(result.outputs).toEqual({ out: { kind: 'metrics', scalars: { value: 5 } } })
    expect(result.summary).toEqual({ value: 5 })
    expect(result.ms).toBeGreaterThanOrEqual(0)
  })

  it('streams progress events for the node', async () => {
    const { env: e, events } = env()
    const a = { kind: 'metrics', scalars: { value: 1 } }
    await runNode(node('test.slow'), registry.get('test.slow')!, keyFor('test.slow', { steps: 2 }), { a }, e)
    expect(events.map((x) => x.type === 'progress' && x.message)).toEqual(['step 1', 'step 2'])
  })

  it('refuses a node that leaves out a declared output', async () => {
    const def = { ...registry.get('test.const')!, run: () => ({}) }
    const { env: e } = env()
    await expect(runNode(node('test.const'), def, keyFor('test.const', {}), {}, e)).rejects.toThrow(
      'Node type test.const did not produce its "out" output.',
    )
  })

  it('does not start once cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const { env: e } = env(controller.signal)
    await expect(runNode(node('test.const'), registry.get('test.const')!, keyFor('test.const', {}), {}, e)).rejects.toBeInstanceOf(Cancelled)
  })

  it('seeds the RNG from the cache key: same key, same numbers', () => {
    const { env: e } = env()
    const draw = (key: string) => nodeContext('n', keyFor('test.const', {}, key), e).random()
    expect(draw('11'.repeat(16))).toBe(draw('11'.repeat(16)))
    expect(draw('11'.repeat(16))).not.toBe(draw('22'.repeat(16)))
  })
})
