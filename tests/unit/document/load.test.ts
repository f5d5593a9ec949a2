import { describe, expect, it } from 'vitest'
import { loadDocument, saveDocument } from '../../../runtime/document/load'
import { migrate } from '../../../runtime/document/migrations'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()

describe('loadDocument', () => {
  it('load → save → load is stable', () => {
    const doc = graph([['a', 'test.const', { value: 2 }], ['b', 'test.add']], ['a.out->b.a'])
    doc.nodes[0].position = { x: 10, y: 20 }
    doc.nodes[1].label = 'sum'
    doc.meta = { title: 'T', description: 'D' }
    const first = loadDocument(saveDocument(doc), registry)
    expect(first.ok && first.diagnostics).toEqual([])
    if (!first.ok) throw new Error('unreachable')
    const text = saveDocument(first.doc)
    expect(text).toBe(saveDocument(doc))
    const second = loadDocument(text, registry)
    expect(second.ok && saveDocument(second.doc)).toBe(text)
  })

  it('explains text that is not JSON', () => {
    const r = loadDocument('{"format": ', registry)
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0].message).toMatch(/^The file is not valid JSON: /)
  })

  it('refuses other formats and newer versions with a sentence', () => {
    expect(loadDocument({ format: 'other', version: 1 }, registry).diagnostics[0].message).toBe(
      'This is not a pipeline graph (format is "other", expected "mlcanvas/graph").',
    )
    expect(loadDocument([1, 2], registry).diagnostics[0].code).toBe('wrong-format')
    const newer = loadDocument({ format: 'mlcanvas/graph', version: 9, nodes: [] }, registry)
    expect(newer.diagnostics[0].message).toMatch(/saved by a newer version \(document version 9, this app reads up to 2\)/)
  })

  it('names the path of every shape problem', () => {
    const r = loadDocument(
      { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'a', type: 'test.const' }, { id: 3 }], edges: [{ id: 'e' }] },
      registry,
    )
    expect(r.ok).toBe(false)
    const paths = r.diagnostics.map((d) => d.path)
    expect(paths).toContain('nodes[1].id')
    expect(paths).toContain('nodes[1].type')
    expect(paths).toContain('edges[0].from')
    expect(r.diagnostics.find((d) => d.path === 'nodes[1].id')?.message).toBe(
      'Invalid input: expected string, received number',
    )
  })

  it('loads a graph with an unknown node type, reporting it by name', () => {
    const r = loadDocument(graph([['a', 'test.const'], ['x', 'vendor.magic']]), registry)
    expect(r.ok).toBe(true)
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Unknown node type "vendor.magic".'])
  })
})

describe('migrate', () => {
  it('applies forward migrations in order', () => {
    const migrations = [
      { from: 1, migrate: (d: Record<string, unknown>) => ({ ...d, links: undefined, edges: d.links }) },
      { from: 2, migrate: (d: Record<string, unknown>) => ({ ...d, meta: { title: 'upgraded' } }) },
    ]
    const out = migrate({ version: 1, links: ['x'] }, migrations, 3)
    expect(out).toEqual({ version: 3, links: undefined, edges: ['x'], meta: { title: 'upgraded' } })
  })

  it('returns undefined when a step is missing', () => {
    expect(migrate({ version: 1 }, [], 2)).toBeUndefined()
  })
})
