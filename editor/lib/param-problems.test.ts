import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes/index'
import { describeNode } from '../../runtime/registry'
import { validateGraph } from '../../runtime/validate/validate'
import type { GraphDocument } from '../../runtime/document/schema'
import { wordParamProblem } from './param-problems'

const registry = createRegistry()

/** A one-node graph with these params, as an opened file would hold them. */
function problems(type: string, params: Record<string, unknown>) {
  const doc = { format: 'mlcanvas/graph', version: 1, meta: { title: 't' }, nodes: [{ id: 'n', type, params }], edges: [] } as unknown as GraphDocument
  const desc = describeNode(registry.get(type)!)
  return validateGraph(doc, registry)
    .filter((d) => d.code === 'invalid-param')
    .map((d) => wordParamProblem(d, desc, params))
}

describe('bad params in an opened graph, in words', () => {
  it('names the setting, the value in the file and the limit it breaks', () => {
    const [p] = problems('transform.split', { test: 1.5 })
    expect(p.param).toBe('test')
    expect(p.message).toBe('Test share: Must be at most 0.95. The graph file has 1.5.')
  })

  it('says a setting the node does not have is to be removed, even an odd key', () => {
    const found = problems('transform.split', { colour: 'red', ['__proto__']: 1 })
    expect(found.map((p) => p.message)).toContain('“colour” is not a setting of Train / test split; remove it so the node can run.')
    expect(found.map((p) => p.param)).toContain('colour')
  })
})
