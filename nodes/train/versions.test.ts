import { describe, expect, it } from 'vitest'
import { loadDocument } from '../../runtime/document/load'
import { GRAPH_FORMAT } from '../../runtime/document/schema'
import { createRegistry } from '../index'

const registry = createRegistry()

/** A document with one Train node saved at `version` with these params. */
const saved = (version: number | undefined, params: Record<string, unknown>) => ({
  format: GRAPH_FORMAT,
  version: 1,
  nodes: [{ id: 'fit', type: 'train.fit', ...(version === undefined ? {} : { version }), params, position: { x: 0, y: 0 } }],
  edges: [],
})

function trainParams(doc: unknown) {
  const loaded = loadDocument(doc, registry)
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics))
  return { params: loaded.doc.nodes[0].params, codes: loaded.diagnostics.map((d) => d.code) }
}

describe('Train node version 4: epochs default to auto, older saves keep their epochs', () => {
  it('a version-3 save that relied on the default gets the old 50 epochs written in, and says it was updated', () => {
    const { params, codes } = trainParams(saved(3, { batchSize: 16 }))
    expect(params).toEqual({ batchSize: 16, epochs: 50 })
    expect(codes).toContain('node-migrated')
  })

  it('a version-3 save with its own epochs keeps them; a current save keeps auto', () => {
    expect(trainParams(saved(3, { epochs: 120 })).params).toEqual({ epochs: 120 })
    const current = trainParams(saved(4, {}))
    expect(current.params).toEqual({})
    expect(current.codes).not.toContain('node-migrated')
    expect(registry.get('train.fit')!.version).toBe(4)
  })
})
