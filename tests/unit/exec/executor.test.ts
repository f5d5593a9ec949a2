import { beforeEach, describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { RunEvent } from '../../../runtime/exec/events'
import { runGraph } from '../../../runtime/exec/executor'
import { seededRandom } from '../../../runtime/exec/rng'
import { graph } from '../../support/graph'
import { bumpVolatile, runCounts, testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const value = (report: Awaited<ReturnType<typeof runGraph>>, id: string) => report.nodes[id].summary?.value

describe('runGraph', () => {
  beforeEach(() => runCounts.clear())

  const chain = (offset = 0) =>
    graph(
      [
        ['a', 'test.const', { value: 2 }],
        ['b', 'test.const', { value: 3 }],
        ['sum', 'test.add', { offset }],
        ['twice', 'test.add'],
      ],
      ['a.out->sum.a', 'b.out->sum.b', 'sum.out->twice.a', 'sum.out->twice.b'],
    )

  it('computes values in dependency order', async () => {
    const report = await runGraph({ doc: chain(1), registry, cache: new NodeCache() })
    expect(value(report, 'sum')).toBe(6)
    expect(value(report, 'twice')).toBe(12)
    expect(report.ran).toBe(4)
  })

  it('re-runs only the edited node and its descendants, saying why', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: chain(0), registry, cache })
    const second = await runGraph({ doc: chain(0), registry, cache })
    expect(second.cached).toBe(4)
    expect(second.ran).toBe(0)
    const third = await runGraph({ doc: chain(5), registry, cache })
    expect(third.nodes.a.status).toBe('cached')
    expect(third.nodes.b.status).toBe('cached')
    expect(third.nodes.sum).toMatchObject({ status: 'ran', reason: 'params changed: offset' })
    expect(third.nodes.twice).toMatchObject({ status: 'ran', reason: 'input changed: a, b' })
    expect(value(third, 'twice')).toBe(20)
  })

  it('does not decode cached values unless a node downstream runs', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: chain(0), registry, cache })
    runCounts.clear()
    const report = await runGraph({ doc: chain(0), registry, cache })
    expect(report.cached).toBe(4)
    expect(runCounts.size).toBe(0)
  })

  it('ignores ids, positions and labels in cache keys', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: chain(0), registry, cache })
    const renamed = chain(0)
    renamed.nodes[0].position = { x: 400, y: 10 }
    renamed.nodes[1].label = 'three'
    const report = await runGraph({ doc: renamed, registry, cache })
    expect(report.cached).toBe(4)
  })

  it('blocks descendants of a failed node and runs independent branches', async () => {
    const doc = graph(
      [
        ['bad', 'test.fail'],
        ['after', 'test.add'],
        ['ok', 'test.const', { value: 7 }],
        ['okChild', 'test.add'],
      ],
      ['bad.out->after.a', 'ok.out->okChild.a'],
    )
    const events: RunEvent[] = []
    const report = await runGraph({ doc, registry, cache: new NodeCache(), onEvent: (e) => events.push(e) })
    expect(report.nodes.bad).toMatchObject({ status: 'error', error: 'boom: this node always fails' })
    expect(report.nodes.after.status).toBe('blocked')
    expect(value(report, 'okChild')).toBe(7)
    expect(events.find((e) => e.type === 'blocked')).toEqual({ type: 'blocked', nodeId: 'after', by: 'bad' })
  })

  it('runs up to a node: only its ancestors', async () => {
    const report = await runGraph({ doc: chain(0), registry, cache: new NodeCache(), to: 'sum' })
    expect(report.nodes.sum.status).toBe('ran')
    expect(report.nodes.twice.status).toBe('skipped')
    expect(report.ran).toBe(3)
  })

  it('forces a node and its descendants', async () => {
    const cache = new NodeCache()
    await runGraph({ doc: chain(0), registry, cache })
    const report = await runGraph({ doc: chain(0), registry, cache, force: ['sum'] })
    expect(report.nodes.a.status).toBe('cached')
    expect(report.nodes.sum).toMatchObject({ status: 'ran', reason: 'forced' })
    expect(report.nodes.twice).toMatchObject({ status: 'ran', reason: 'forced' })
  })

  it('always re-runs volatile nodes; descendants re-run only when the output changed', async () => {
    const cache = new NodeCache()
    const doc = graph([['v', 'test.volatile'], ['c', 'test.add']], ['v.out->c.a'])
    await runGraph({ doc, registry, cache })
    const same = await runGraph({ doc, registry, cache })
    expect(same.nodes.v).toMatchObject({ status: 'ran', reason: 'volatile' })
    expect(same.nodes.c.status).toBe('cached')
    bumpVolatile()
    const changed = await runGraph({ doc, registry, cache })
    expect(changed.nodes.c).toMatchObject({ status: 'ran', reason: 'input changed: a' })
  })

  it('reports invalid nodes as errors without running them, and runs the rest', async () => {
    const doc = graph(
      [
        ['a', 'test.const', { value: 'x' }],
        ['b', 'test.add'],
        ['c', 'test.const'],
      ],
      ['a.out->b.a'],
    )
    const report = await runGraph({ doc, registry, cache: new NodeCache() })
    expect(report.nodes.a.status).toBe('error')
    expect(report.nodes.a.error).toMatch(/nodes\[0\]\.params\.value: Invalid input: expected number/)
    expect(report.nodes.b.status).toBe('blocked')
    expect(report.nodes.c.status).toBe('ran')
  })

  it('cancels within a second and keeps no partial result', async () => {
    const cache = new NodeCache()
    const doc = graph([['a', 'test.const'], ['s', 'test.slow', { steps: 1000 }], ['t', 'test.add']], ['a.out->s.a', 's.out->t.a'])
    const controller = new AbortController()
    const events: RunEvent[] = []
    const t0 = performance.now()
    const run = runGraph({
      doc,
      registry,
      cache,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e)
        if (e.type === 'progress' && e.fraction > 0.01) controller.abort()
      },
    })
    const report = await run
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(report.nodes.s.status).toBe('cancelled')
    expect(report.nodes.t.status).toBe('cancelled')
    const again = await runGraph({ doc: graph([['a', 'test.const'], ['s', 'test.slow', { steps: 2 }]], ['a.out->s.a']), registry, cache })
    expect(again.nodes.a.status).toBe('cached')
    expect(again.nodes.s.status).toBe('ran')
  })

  it('gives the same random numbers for the same seed', async () => {
    const doc = (seed: number) => graph([['r', 'test.random', { seed }]])
    const a = await runGraph({ doc: doc(3), registry, cache: new NodeCache() })
    const b = await runGraph({ doc: doc(3), registry, cache: new NodeCache() })
    const c = await runGraph({ doc: doc(4), registry, cache: new NodeCache() })
    expect(value(a, 'r')).toBe(value(b, 'r'))
    expect(value(a, 'r')).not.toBe(value(c, 'r'))
    // ctx.random follows the cache key: a param called `seed` gets no special treatment.
    expect(value(a, 'r')).not.toBe(seededRandom(3)())
  })
})
