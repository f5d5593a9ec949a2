import { describe, expect, it } from 'vitest'
import { loadDocument } from '../../runtime/document/load'
import { computeKeys } from '../../runtime/keys/cache-keys'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

const registry = testRegistry()
const LENGTH = 10_000

/** test.table → pass × LENGTH, edges listed last-to-first (the order that once overflowed the stack). */
function chain(closeCycle: boolean) {
  const nodes: [string, string][] = [['t', 'test.table']]
  const edges: `${string}.${string}->${string}.${string}`[] = []
  for (let i = 0; i < LENGTH; i++) {
    nodes.push([`p${i}`, 'test.pass'])
    edges.push(`${i ? `p${i - 1}` : 't'}.data->p${i}.data`)
  }
  const doc = graph(nodes, edges.reverse())
  if (closeCycle) doc.edges[doc.edges.length - 1].from.node = `p${LENGTH - 1}`
  return doc
}

describe('graph algorithms on a long chain', () => {
  it(`validates and keys a ${LENGTH}-node chain`, () => {
    const loaded = loadDocument(JSON.stringify(chain(false)), registry)
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    if (loaded.ok) expect(computeKeys(loaded.doc, registry).size).toBe(LENGTH + 1)
  })

  it(`names a ${LENGTH}-node cycle`, () => {
    const loaded = loadDocument(JSON.stringify(chain(true)), registry)
    const cycle = loaded.diagnostics.find((d) => d.code === 'cycle')
    expect(cycle?.message).toMatch(/^The graph has a cycle: p0 → p1 → p2 → .* → p9999 → p0\. Pipelines must flow one way\.$/)
  })
})
