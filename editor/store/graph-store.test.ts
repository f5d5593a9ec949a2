import { afterEach, describe, expect, it, vi } from 'vitest'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../runtime/document/schema'
import { describeNode } from '../../runtime/registry'
import { testRegistry } from '../../tests/support/test-nodes'
import { LARGE_GRAPH } from '../layout/layout-graph'
import { createGraphStore } from './graph-store'

const paramsOf = (s: ReturnType<typeof createGraphStore>, id: string) => s.getState().nodes.find((n) => n.id === id)!.data.params

describe('graph store undo', () => {
  afterEach(() => vi.useRealTimers())

  it('makes typing into one field one undo step, and a pause or another field a new one', () => {
    vi.useFakeTimers()
    const s = createGraphStore()
    const id = s.getState().addNode('optimizer.adam', {}, { x: 0, y: 0 })
    for (const v of ['0', '0.', '0.0', '0.05']) {
      s.getState().setParam(id, 'learningRate', v)
      vi.advanceTimersByTime(100)
    }
    vi.advanceTimersByTime(2000)
    s.getState().setParam(id, 'learningRate', '0.1')
    s.getState().setParam(id, 'beta1', 0.8)
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.1', beta1: 0.8 })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.1' })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.05' })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({})
  })
})

describe('graph store: large graphs come sized', () => {
  const registry = testRegistry()
  const descriptors = new Map(registry.list().map((d) => [d.type, describeNode(d)]))
  const chain = (n: number): GraphDocument => ({
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, type: i === 0 ? 'test.const' : 'test.add', params: {}, position: { x: i * 300, y: 0 } })),
    edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, from: { node: `n${i}`, port: 'out' }, to: { node: `n${i + 1}`, port: 'a' } })),
    meta: {},
  })

  it('gives each node of a large graph its planned size and handles, until React Flow measures it', () => {
    const s = createGraphStore()
    s.getState().load(chain(LARGE_GRAPH), { descriptors })
    const second = s.getState().nodes[1]
    expect(second.initialWidth).toBeGreaterThan(0)
    expect(second.handles?.map((h) => `${h.type} ${h.id}`)).toEqual(['target a', 'target b', 'source out'])
    // The input on the left edge, the output on the right one.
    expect(second.handles![0].x).toBeLessThan(0)
    expect(second.handles![2].x).toBeGreaterThan(second.initialWidth! - 10)
    s.getState().onNodesChange([{ type: 'dimensions', id: 'n1', dimensions: { width: 240, height: 90 }, setAttributes: true }])
    const measured = s.getState().nodes[1]
    expect(measured.measured).toEqual({ width: 240, height: 90 })
    expect(measured.handles).toBeUndefined()
    expect(s.getState().nodes[2].handles).toHaveLength(3)
  })

  it('leaves a small graph to be measured as it draws', () => {
    const s = createGraphStore()
    s.getState().load(chain(5), { descriptors })
    expect(s.getState().nodes.every((n) => n.handles === undefined && n.initialWidth === undefined)).toBe(true)
  })
})
