import { describe, expect, it } from 'vitest'
import { allNodes, createRegistry } from '../../nodes'
import { loadDocument, saveDocument } from '../../runtime/document/load'
import { describeNode } from '../../runtime/registry'
import { validateGraph } from '../../runtime/validate/validate'
import { graph } from '../support/graph'

const registry = createRegistry()

describe.each(allNodes.map((d) => [d.type]))('%s', (type) => {
  const def = registry.get(type)!

  it('has defaults that validate, a description and a JSON Schema for every param', () => {
    expect(() => registry.defaults(type)).not.toThrow()
    expect(def.description.length).toBeGreaterThan(40)
    expect(def.title.length).toBeGreaterThan(1)
    const schema = describeNode(def).params as { properties?: Record<string, { ui?: string }> }
    for (const name of Object.keys(def.params)) expect(schema.properties?.[name]?.ui, name).toBeDefined()
  })

  it('round-trips through a saved document with only its own diagnostics (missing inputs)', () => {
    const doc = graph([['n', type, registry.defaults(type)]])
    const loaded = loadDocument(saveDocument(doc), registry)
    expect(loaded.ok).toBe(true)
    if (!loaded.ok) return
    expect(saveDocument(loaded.doc)).toBe(saveDocument(doc))
    const required = Object.entries(def.inputs).filter(([, p]) => !p.optional).map(([k]) => k)
    expect(validateGraph(loaded.doc, registry).map((d) => d.code)).toEqual(required.map(() => 'missing-input'))
  })

  it('refuses an unknown param by name', () => {
    const doc = graph([['n', type, { ...registry.defaults(type), notAParam: 1 }]])
    const problems = validateGraph(doc, registry).filter((d) => d.code === 'invalid-param')
    expect(problems.map((d) => d.path)).toEqual(['nodes[0].params.notAParam'])
  })
})
