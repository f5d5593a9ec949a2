import { beforeEach, describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { loadDocument, saveDocument } from '../../../runtime/document/load'
import type { GraphDocument, GraphEdge, GraphNode } from '../../../runtime/document/schema'
import { runGraph } from '../../../runtime/exec/executor'
import { definedPorts, groupSelection, ungroupNode } from '../../../runtime/graph/group-edit'
import { flattenGroups, MAX_GROUP_DEPTH } from '../../../runtime/graph/groups'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { graph, sumGraph } from '../../support/graph'
import { runCounts, testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const ports = definedPorts(registry)

const flat = sumGraph

const grouped = (doc: GraphDocument, ids: string[], id = 'g1') => ({ ...doc, ...groupSelection(doc, ids, id, ports) })
const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id))
const keysOf = (doc: GraphDocument) => new Map([...computeKeys(flattenGroups(doc), registry)].map(([id, k]) => [id, k.key]))

describe('groups', () => {
  beforeEach(() => runCounts.clear())

  it('shows the unconnected inner ports, and outputs read outside, as the group ports', () => {
    const doc = grouped(flat(), ['sum', 'twice'])
    const g = doc.nodes.find((n) => n.id === 'g1')!
    expect(g.group!.inputs.map((p) => p.name)).toEqual(['sum.a', 'sum.b'])
    expect(g.group!.outputs.map((p) => p.name)).toEqual(['sum.out', 'twice.out'])
    expect(doc.edges.filter((e) => e.to.node === 'g1' || e.from.node === 'g1').map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)).toEqual([
      'a.out->g1.sum.a',
      'b.out->g1.sum.b',
      'g1.sum.out->tap.a',
      'g1.twice.out->last.a',
    ])
  })

  it('keeps every cache key: the grouped graph runs as all cache hits after the flat one', async () => {
    const cache = new NodeCache()
    const first = await runGraph({ doc: flat(), registry, cache })
    expect(first.ran).toBe(6)
    const doc = grouped(grouped(flat(), ['sum', 'twice']), ['b', 'g1'], 'outer')
    expect(keysOf(doc)).toEqual(keysOf(flat()))
    runCounts.clear()
    const second = await runGraph({ doc, registry, cache })
    expect([second.cached, second.ran, runCounts.size]).toEqual([6, 0, 0])
    expect(second.nodes.last.summary?.value).toBe(first.nodes.last.summary?.value)
    expect(second.nodes.last.summary?.value).toBe(2 * (2 + 3 + 1) + 7)
  })

  it('ungroup gives back the same nodes and wires, also from a group inside a group', () => {
    const inner = grouped(flat(), ['sum', 'twice'])
    const outer = grouped(inner, ['b', 'g1'], 'outer')
    const once = { ...outer, ...ungroupNode(outer, 'outer') }
    const twice = { ...once, ...ungroupNode(once, 'g1') }
    const same = (d: GraphDocument) => ({ nodes: sortById(d.nodes), edges: sortById(d.edges) })
    expect(same(once)).toEqual(same(inner))
    expect(same(twice)).toEqual(same(flat()))
  })

  it('saves and loads a grouped document unchanged (version 2), and still reads version 1', () => {
    const doc = grouped(flat(), ['sum', 'twice'])
    const text = saveDocument(doc)
    expect(JSON.parse(text).version).toBe(2)
    const loaded = loadDocument(text, registry)
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    expect(loaded.ok && saveDocument(loaded.doc)).toBe(text)
    const v1 = loadDocument({ ...flat(), version: 1 }, registry)
    expect(v1.ok && v1.doc).toEqual({ ...flat(), version: 2 })
  })

  it('points diagnostics of inner nodes and group ports at their place in the document', () => {
    const doc = grouped(flat(), ['sum', 'twice'])
    const g = doc.nodes.find((n) => n.id === 'g1')!
    g.group!.nodes[0].params = { offset: 'x' }
    doc.edges.push({ id: 'bad', from: { node: 'a', port: 'out' }, to: { node: 'g1', port: 'nope' } })
    const r = loadDocument(doc, registry)
    const found = r.diagnostics.map((d) => `${d.path}: ${d.message}`)
    expect(found).toContain('nodes[2].group.nodes[0].params.offset: Invalid input: expected number, received string')
    expect(found).toContain(`edges[${doc.edges.length - 1}].to.port: Node "g1" (group) has no input port "nope"; its inputs are: sum.a, sum.b.`)
  })

  it('refuses groups nested deeper than the limit and group ports naming outside nodes', () => {
    let node: GraphNode = { id: 'leaf', type: 'test.const', params: {} }
    for (let d = 0; d <= MAX_GROUP_DEPTH; d++) {
      node = { id: `g${d}`, type: 'group', params: {}, group: { nodes: [node], edges: [], inputs: [], outputs: [] } }
    }
    const deep = loadDocument(graph([]), registry)
    expect(deep.ok).toBe(true)
    const r = loadDocument({ ...graph([]), nodes: [node] }, registry)
    expect(r.diagnostics.map((d) => d.code)).toContain('group-too-deep')
    const stray = graph([['a', 'test.const']])
    stray.nodes.push({ id: 'g', type: 'group', params: {}, group: { nodes: [], edges: [], inputs: [{ name: 'x', node: 'a', port: 'out' }], outputs: [] } })
    expect(loadDocument(stray, registry).diagnostics.map((d) => d.message)).toContain(
      'Port "x" of group "g" stands for node "a", which is not inside the group.',
    )
    const bodiless = loadDocument({ ...graph([]), nodes: [{ id: 'g', type: 'group', params: {} }] }, registry)
    expect(bodiless.diagnostics.map((d) => d.message)).toContain('Group "g" has no inner graph.')
  })

  it('treats prototype names as plain names in group ports and ids', async () => {
    const doc = graph([['__proto__', 'test.const', { value: 4 }], ['constructor', 'test.add']], ['__proto__.out->constructor.a'])
    const g = { ...doc, ...groupSelection(doc, ['constructor'], 'toString', ports) }
    expect(g.edges[0].to).toEqual({ node: 'toString', port: 'constructor.a' })
    const loaded = loadDocument(JSON.parse(saveDocument(g)), registry)
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    const bad = structuredClone(g)
    bad.edges.push({ id: 'p', from: { node: '__proto__', port: 'out' }, to: { node: 'toString', port: '__proto__' } })
    expect(loadDocument(bad, registry).diagnostics.map((d) => d.code)).toEqual(['unknown-port'])
    const report = await runGraph({ doc: g, registry, cache: new NodeCache() })
    const inner: string = 'constructor'
    expect(report.nodes[inner].summary?.value).toBe(4)
  })

  it('feeds one outer wire into every inner input that shares a port name', () => {
    const doc = graph([['a', 'test.const', { value: 2 }], ['x', 'test.add'], ['y', 'test.add']])
    const edges: GraphEdge[] = [{ id: 'w', from: { node: 'a', port: 'out' }, to: { node: 'g', port: 'rows' } }]
    const g: GraphNode = {
      id: 'g',
      type: 'group',
      params: {},
      group: { nodes: doc.nodes.slice(1), edges: [], inputs: [{ name: 'rows', node: 'x', port: 'a' }, { name: 'rows', node: 'y', port: 'a' }], outputs: [] },
    }
    const out = flattenGroups({ ...doc, nodes: [doc.nodes[0], g], edges })
    expect(out.edges.map((e) => `${e.id}:${e.to.node}.${e.to.port}`)).toEqual(['w:x.a', 'w~1:y.a'])
  })
})
