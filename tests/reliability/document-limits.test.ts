import { describe, expect, it } from 'vitest'
import { loadDocument, saveDocument } from '../../runtime/document/load'
import { DOCUMENT_LIMITS } from '../../runtime/validate/limits'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

const registry = testRegistry()

/** `levels` nested arrays: `[[[]]]` is 3. */
const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown

describe('document limits', () => {
  it('refuses nesting past the limit with the path and a sentence, whether in meta or in params', () => {
    const deep = 10_000 // JSON.stringify itself overflows here, so the text is built by hand
    const inMeta = JSON.stringify({ ...graph([]), meta: { notes: 0 } }).replace('"notes":0', `"notes":${'['.repeat(deep)}${']'.repeat(deep)}`)
    expect(loadDocument(inMeta, registry)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'too-large',
          severity: 'error',
          path: `meta.notes${'[0]'.repeat(DOCUMENT_LIMITS.depth - 2)}`,
          message: 'Nested more than 64 levels deep; a graph document may nest at most 64 levels.',
        },
      ],
    })
    const inParams = graph([['a', 'test.const', { value: nested(70) }]])
    const loaded = loadDocument(JSON.stringify(inParams), registry)
    expect(!loaded.ok && loaded.diagnostics[0].path).toMatch(/^nodes\[0\]\.params\.value\[0\]\[0\]/)
  })

  it('a document at the limit loads, saves, and survives a structured clone (the worker boundary)', () => {
    // root (1) → meta (2) → notes, the outermost of 62 arrays: 64 levels.
    const doc = { ...graph([['a', 'test.const']]), meta: { notes: nested(DOCUMENT_LIMITS.depth - 2) } }
    const loaded = loadDocument(JSON.stringify(doc), registry)
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(JSON.parse(saveDocument(loaded.doc))).toEqual(doc)
    expect(structuredClone(loaded.doc)).toEqual(loaded.doc)
    const deeper = { ...doc, meta: { notes: nested(DOCUMENT_LIMITS.depth - 1) } }
    expect(loadDocument(JSON.stringify(deeper), registry).ok).toBe(false)
  })

  it('refuses more nodes or edges than the limits, naming the counts', () => {
    const many = graph(Array.from({ length: DOCUMENT_LIMITS.nodes + 1 }, (_, i) => [`n${i}`, 'test.const'] as [string, string]))
    expect(loadDocument(JSON.stringify(many), registry).diagnostics).toEqual([
      { code: 'too-large', severity: 'error', path: 'nodes', message: 'The graph has 20001 nodes; the limit is 20000.' },
    ])
  })
})
