import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../../nodes'
import { loadDocument } from '../../../runtime/document/load'
import { flattenGroups } from '../../../runtime/graph/groups'
import { topologicalOrder } from '../../../runtime/graph/order'
import { buildTopology } from '../../../runtime/graph/topology'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { canonicalJson } from '../../../runtime/keys/canonical'
import { hashString } from '../../../runtime/keys/hash'
import { syntheticGraph } from '../../bench/parts/scale'
import { testRegistry } from '../../support/test-nodes'
import { planCorpus, planSignature } from './plan-corpus'

// Written by write-plan-fixture.ts from the Map-based planner this one replaced.
const expected = JSON.parse(readFileSync('tests/fixtures/plan/expected.json', 'utf8')) as {
  corpus: ReturnType<typeof planSignature>[]
  synthetic10k: { order: string; keys: string; firstKeys: string[]; lastKeys: string[] }
}

describe('planning gives what the earlier planner gave', () => {
  const registry = testRegistry()

  it('the same diagnostics (code, path, ids, sentence), order and keys on 300 broken and intact graphs', () => {
    const corpus = planCorpus(registry, expected.corpus.length)
    corpus.forEach((doc, i) => expect({ case: i, ...planSignature(doc, registry) }).toEqual({ case: i, ...expected.corpus[i] }))
  })

  it('the same order and keys on the 10 000-node layered graph', () => {
    const doc = syntheticGraph(10_000)
    const topo = buildTopology(doc)
    const keys = [...computeKeys(doc, registry, new Map(), topo)].map(([id, k]) => `${id}=${k.key}`)
    expect(keys.slice(0, 3)).toEqual(expected.synthetic10k.firstKeys)
    expect(keys.slice(-3)).toEqual(expected.synthetic10k.lastKeys)
    expect(hashString(keys.join('\n'))).toBe(expected.synthetic10k.keys)
    expect(hashString(topologicalOrder(topo).order.join(' '))).toBe(expected.synthetic10k.order)
  })
})

describe('keys of the examples follow the documented recipe', () => {
  const registry = createRegistry()
  const examples = readdirSync('examples').filter((f) => f.endsWith('.json'))

  it.each(examples)('%s', (file) => {
    const loaded = loadDocument(readFileSync(`examples/${file}`, 'utf8'), registry)
    if (!loaded.ok) throw new Error(`${file} does not load`)
    const doc = flattenGroups(loaded.doc)
    const keys = computeKeys(doc, registry)
    expect(keys.size).toBe(doc.nodes.length)
    // The recipe spelled out with the generic canonical JSON, node by node along the wires.
    for (const { id } of doc.nodes) {
      const { key, recipe } = keys.get(id)!
      const inputs = Object.fromEntries(
        doc.edges.filter((e) => e.to.node === id).map((e) => [e.to.port, `${keys.get(e.from.node)!.key}#${e.from.port}`]),
      )
      expect(recipe.inputs).toEqual(inputs)
      expect(key).toBe(hashString(canonicalJson({ files: recipe.files, inputs, params: recipe.params, type: recipe.type, version: recipe.version })))
    }
  })
})
