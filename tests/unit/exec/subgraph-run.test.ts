import { beforeEach, describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { runGraph } from '../../../runtime/exec/executor'
import { defineNode } from '../../../runtime/node-api/define-node'
import { p } from '../../../runtime/node-api/params'
import { port } from '../../../runtime/node-api/ports'
import type { SubgraphResult } from '../../../runtime/node-api/subgraph'
import { Registry } from '../../../runtime/registry'
import { graph } from '../../support/graph'
import { runCounts, testNodes } from '../../support/test-nodes'

const scalar = (value: number) => ({ kind: 'metrics', scalars: { value } })
const valueOf = (v: unknown) => (v as { scalars: { value: number } }).scalars.value

/** Runs what feeds `result` once per replacement of `src`, with `offset` overriding node `sum`'s. */
const nestedNode = defineNode({
  type: 'test.nested',
  version: 1,
  category: 'test',
  title: 'Nested',
  description: 'Re-runs its upstream pipeline with replaced values.',
  inputs: { src: port.metrics(), result: port.metrics() },
  outputs: { out: port.metrics() },
  params: { values: p.custom(p.number({ default: 0 }).array().default([10, 20]), 'json'), offset: p.number({ default: 0 }) },
  async run(_inputs, params, ctx) {
    const results: SubgraphResult[] = []
    for (const v of params.values) {
      const overrides = params.offset ? new Map([['sum', { offset: params.offset }]]) : undefined
      results.push(await ctx.subgraph!.run({ output: 'result', replace: { src: { value: scalar(v), tag: { v } } }, params: overrides }))
    }
    lastResults = results
    return { out: scalar(results.reduce((s, r) => s + valueOf(r.value), 0)) }
  },
})
let lastResults: SubgraphResult[] = []

const registry = new Registry([...testNodes, nestedNode])
const doc = (params: Record<string, unknown> = {}, b = 3) =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['b', 'test.const', { value: b }],
      ['sum', 'test.add'],
      ['nested', 'test.nested', params],
    ],
    ['a.out->sum.a', 'b.out->sum.b', 'a.out->nested.src', 'sum.out->nested.result'],
  )

describe('nested subgraph runs', () => {
  beforeEach(() => runCounts.clear())

  it('re-runs the upstream pipeline with a replaced value and overridden params', async () => {
    const report = await runGraph({ doc: doc(), registry, cache: new NodeCache() })
    expect(report.nodes.nested.status).toBe('ran')
    expect(report.nodes.nested.summary?.value).toBe(10 + 3 + 20 + 3)
    const withOffset = await runGraph({ doc: doc({ offset: 100 }), registry, cache: new NodeCache() })
    expect(withOffset.nodes.nested.summary?.value).toBe(13 + 100 + 23 + 100)
  })

  it('keys replaced values by the original key and the tag: a repeated nested run is all cache hits', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: doc(), registry, cache })
    const first = lastResults
    expect(first.map((r) => r.ran)).toEqual([2, 2]) // the stand-in and `sum`; `b` is a hit from the outer run
    runCounts.clear()
    await runGraph({ doc: doc({ values: [20, 10, 30] }), registry, cache })
    expect(lastResults.map((r) => r.cached)).toEqual([3, 3, 1])
    expect(lastResults.map((r) => r.key)).toEqual([first[1].key, first[0].key, expect.any(String)])
    expect(runCounts.get('test.add')).toBe(1) // only the new value 30
  })

  it('an upstream edit outside the replaced branch re-keys the nested runs', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: doc(), registry, cache })
    const before = lastResults.map((r) => r.key)
    const report = await runGraph({ doc: doc({}, 5), registry, cache })
    expect(report.nodes.nested.summary?.value).toBe(15 + 25)
    expect(lastResults.map((r) => r.key)).not.toEqual(before)
  })

  it('refuses a param the overridden node does not have, naming both', async () => {
    const unknownParam = defineNode({
      ...nestedNode,
      type: 'test.nested-bad',
      async run(_i, _p, ctx) {
        await ctx.subgraph!.run({ output: 'result', params: new Map([['sum', { nope: 1 }]]) })
        return { out: scalar(0) }
      },
    })
    const d = doc()
    d.nodes[3].type = 'test.nested-bad'
    const r = await runGraph({ doc: d, registry: new Registry([...testNodes, unknownParam]), cache: new NodeCache() })
    expect(r.nodes.nested).toMatchObject({ status: 'error', error: 'Node "sum" has no param "nope".' })
  })

  it('reports the failing node of a nested run', async () => {
    const failing = defineNode({
      ...nestedNode,
      type: 'test.nested-fail',
      async run(_i, _p, ctx) {
        await ctx.subgraph!.run({ output: 'result', params: new Map([['sum', { offset: 5000 }]]) })
        return { out: scalar(0) }
      },
    })
    const d = doc()
    d.nodes[3].type = 'test.nested-fail'
    const r = await runGraph({ doc: d, registry: new Registry([...testNodes, failing]), cache: new NodeCache() })
    expect(r.nodes.nested.status).toBe('error')
    expect(r.nodes.nested.error).toMatch(/^sum: .*offset/)
  })
})
