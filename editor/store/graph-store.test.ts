import { afterEach, describe, expect, it, vi } from 'vitest'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../runtime/document/schema'
import { describeNode } from '../../runtime/registry'
import { graph } from '../../tests/support/graph'
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

describe('graph store edits', () => {
  const chain = () =>
    graph(
      [
        ['a', 'test.const', { value: 2 }],
        ['b', 'test.add', { offset: 1 }],
        ['c', 'test.add'],
      ],
      ['a.out->b.a', 'b.out->c.a'],
    )
  const loaded = () => {
    const s = createGraphStore()
    s.getState().load(chain())
    return s
  }
  const wires = (s: ReturnType<typeof createGraphStore>) => s.getState().edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`)
  const at = (s: ReturnType<typeof createGraphStore>, id: string) => s.getState().nodes.find((n) => n.id === id)!

  it('replaces the wire already in an input, in one undo step', () => {
    const s = loaded()
    s.getState().connect({ source: 'a', sourceHandle: 'out', target: 'c', targetHandle: 'a' })
    expect(wires(s)).toEqual(['a.out->b.a', 'a.out->c.a'])
    s.getState().undo()
    expect(wires(s)).toEqual(['a.out->b.a', 'b.out->c.a'])
  })

  it('removes a wire React Flow removes', () => {
    const s = loaded()
    s.getState().onEdgesChange([{ type: 'remove', id: s.getState().edges[0].id }])
    expect(wires(s)).toEqual(['b.out->c.a'])
  })

  it('resets a param to its default by dropping it, sets and clears a label, sets the title', () => {
    const s = loaded()
    s.getState().resetParam('b', 'offset')
    expect(at(s, 'b').data.params).toEqual({})
    s.getState().setLabel('b', 'Plus one')
    expect(at(s, 'b').data.label).toBe('Plus one')
    s.getState().setLabel('b', '  ')
    expect('label' in at(s, 'b').data).toBe(false)
    s.getState().setTitle('Sums')
    expect(s.getState().meta.title).toBe('Sums')
    s.getState().undo()
    s.getState().undo()
    s.getState().undo()
    s.getState().undo()
    expect(at(s, 'b').data.params).toEqual({ offset: 1 })
  })

  it('moves only the nodes it is given', () => {
    const s = loaded()
    const before = at(s, 'a').position
    s.getState().setPositions(new Map([['b', { x: 7, y: 8 }]]))
    expect(at(s, 'b').position).toEqual({ x: 7, y: 8 })
    expect(at(s, 'a').position).toBe(before)
  })

  it('makes a drag one undo step, and a drag that moved nothing none', () => {
    const s = loaded()
    const start = at(s, 'a').position
    s.getState().beginGesture()
    for (const x of [10, 20, 30]) s.getState().onNodesChange([{ type: 'position', id: 'a', position: { x, y: 5 }, dragging: true }])
    s.getState().endGesture()
    expect(at(s, 'a').position).toEqual({ x: 30, y: 5 })
    expect(s.temporal.getState().pastStates).toHaveLength(1)
    s.getState().beginGesture()
    s.getState().endGesture()
    expect(s.temporal.getState().pastStates).toHaveLength(1)
    s.getState().undo()
    expect(at(s, 'a').position).toEqual(start)
  })

  it('starts a fresh history on a plain load and keeps it for New, Open and examples', () => {
    const s = loaded()
    s.getState().setTitle('edited')
    s.getState().load(graph([['z', 'test.const']]), { keepHistory: true, selected: ['z'] })
    expect(s.getState().nodes.map((n) => [n.id, n.selected])).toEqual([['z', true]])
    s.getState().undo()
    expect(s.getState().nodes.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    s.getState().load(chain())
    expect(s.temporal.getState().pastStates).toHaveLength(0)
  })

  it('selects without replacing the nodes whose selection stays', () => {
    const s = loaded()
    const [a, b] = s.getState().nodes
    s.getState().select(['b'])
    expect(s.getState().nodes[0]).toBe(a)
    expect(s.getState().nodes[1]).not.toBe(b)
    expect(s.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['b'])
  })

  it('pastes copies with fresh ids, selected, shifted further while they would cover a node', () => {
    const s = loaded()
    const copy = () => ({ nodes: s.getState().nodes.filter((n) => n.id !== 'c'), edges: s.getState().edges.slice(0, 1) })
    const first = copy()
    s.getState().insert(first.nodes, first.edges)
    const pasted = s.getState().nodes.filter((n) => n.selected)
    expect(pasted.map((n) => n.id)).toEqual(['n4', 'n5'])
    expect(pasted[0].position).toEqual({ x: at(s, 'a').position.x + 40, y: at(s, 'a').position.y + 40 })
    expect(wires(s).at(-1)).toBe('n4.out->n5.a')
    s.getState().insert(first.nodes, first.edges)
    expect(s.getState().nodes.filter((n) => n.selected)[0].position).toEqual({ x: at(s, 'a').position.x + 80, y: at(s, 'a').position.y + 80 })
  })
})
