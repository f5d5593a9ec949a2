import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../../nodes'
import { loadDocument, saveDocument } from '../../../runtime/document/load'
import { CURRENT_VERSION, documentSchema } from '../../../runtime/document/schema'
import { Registry } from '../../../runtime/registry'
import { scaleNode, testNodes } from '../../support/test-nodes'

const FIXTURES = 'tests/fixtures/documents'

describe('documents saved before node versions were written', () => {
  const registry = createRegistry()
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))('%s loads unchanged', (file) => {
    const text = readFileSync(join(FIXTURES, file), 'utf8')
    const loaded = loadDocument(text, registry)
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
    expect(loaded.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([])
    // Unchanged but for the document version, which migrations bring to the current one.
    expect(loaded.doc).toEqual(documentSchema.parse({ ...JSON.parse(text), version: CURRENT_VERSION }))
    // Saved again, every node carries its type's version, and that reloads without a note.
    const saved = saveDocument(loaded.doc, registry)
    const again = loadDocument(saved, registry)
    if (!again.ok) throw new Error('reload failed')
    for (const node of again.doc.nodes) expect(node.version).toBe(registry.get(node.type)!.version)
    expect(again.diagnostics.filter((d) => d.code === 'node-migrated')).toEqual([])
    expect(saveDocument(again.doc, registry)).toBe(saved)
  })

  it('has a fixture of every example, as it was first saved (add one with each new example)', () => {
    const examples = readdirSync('examples').filter((f) => f.endsWith('.json'))
    expect(examples.filter((f) => !existsSync(join(FIXTURES, f)))).toEqual([])
  })
})

const registry = new Registry([...testNodes, scaleNode])
const saved = (version: number | undefined, params: Record<string, unknown>) => ({
  format: 'mlcanvas/graph',
  version: 1,
  nodes: [{ id: 's', type: 'test.scale', ...(version === undefined ? {} : { version }), params }],
})

describe('node migrations', () => {
  it('updates params saved by an older version and says so', () => {
    const loaded = loadDocument(saved(1, { k: 3 }), registry)
    if (!loaded.ok) throw new Error('load failed')
    expect(loaded.doc.nodes[0]).toMatchObject({ version: 2, params: { factor: 3 } })
    expect(loaded.diagnostics).toEqual([
      {
        code: 'node-migrated',
        severity: 'info',
        path: 'nodes[0].version',
        nodeId: 's',
        message: 'Node "s" (test.scale) was saved with version 1; its params were updated to version 2.',
      },
    ])
  })

  it('reads a node without a version as current, and warns about one from a newer version', () => {
    const current = loadDocument(saved(undefined, { factor: 2 }), registry)
    expect(current.ok && current.diagnostics).toEqual([])
    const newer = loadDocument(saved(3, { factor: 2 }), registry)
    expect(newer.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'Node "s" (test.scale) was saved by a newer version of its type (3; this app has 2).'],
    ])
  })

  it('reports a migration that fails on its node, keeping the rest of the graph', () => {
    const loaded = loadDocument(saved(2, { factor: 3 }), new Registry([...testNodes, { ...scaleNode, version: 3 }]))
    expect(loaded.diagnostics.map((d) => d.message)).toContain(
      'Node "s" (test.scale) could not be updated from version 2: no migration from version 2',
    )
  })
})

describe('model families with a results version', () => {
  it('a family at version 2 makes its model node version 2, and a version-1 save keeps its params', () => {
    const registry = createRegistry()
    expect(registry.get('model.hist-gradient-boosting')!.version).toBe(2)
    const params = { maxIter: 40, learningRate: 0.2 }
    const loaded = loadDocument({ format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'h', type: 'model.hist-gradient-boosting', version: 1, params }] }, registry)
    if (!loaded.ok) throw new Error('load failed')
    expect(loaded.doc.nodes[0]).toMatchObject({ version: 2, params })
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['node-migrated'])
  })
})
