import { describe, expect, it } from 'vitest'
import type { Metrics } from '../../runtime/values/ml'
import { categoricalFromTexts } from '../../ml/table/cast'
import { makeDataset, numericColumn } from '../../ml/table/table'
import { params, testContext } from '../../tests/support/table-testing'
import { driftNode as node } from './drift'

/** Deterministic pseudo-normal values (Box–Muller on a small LCG). */
function normal(n: number, mean: number, seed: number): Float64Array {
  let s = seed
  const u = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31
  return Float64Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()))
}

const table = (n: number, shiftB: number, seed: number, colour: string[]) =>
  makeDataset([
    numericColumn('a', normal(n, 0, seed)),
    numericColumn('b', normal(n, shiftB, seed + 1)),
    categoricalFromTexts('colour', Array.from({ length: n }, (_, i) => colour[i % colour.length])),
  ])

async function check(reference: unknown, current: unknown, given: Record<string, unknown> = {}) {
  const p = params(node, given)
  const out = await node.run({ reference, current }, p, testContext().ctx)
  return { metrics: out.metrics as Metrics, summary: node.summarize!(out, p) }
}

describe('deploy.drift', () => {
  it('flags the shifted feature only, with a verdict naming it', async () => {
    const train = table(1000, 0, 11, ['red', 'blue'])
    const batch = table(400, 1, 21, ['red', 'blue'])
    const { metrics, summary } = await check({ kind: 'splits', train }, batch)
    expect(metrics.scalars.drifted_features).toBe(1)
    expect(metrics.scalars['psi.a']).toBeLessThan(0.1)
    expect(metrics.scalars['ks_p.a']).toBeGreaterThan(0.05)
    expect(metrics.scalars['psi.b']).toBeGreaterThan(0.25)
    expect(metrics.scalars['ks_p.b']).toBeLessThan(1e-10)
    expect(metrics.scalars['psi.colour']).toBe(0)
    expect(metrics.matrices!.drift.rowLabels).toEqual(['a', 'b', 'colour'])
    expect(summary).toEqual({ verdict: 'Drift: drift in 1 of 3 features (b).', drifted: ['b'] })
  })

  it('says no drift when the batch comes from the training distribution', async () => {
    const { summary } = await check(table(1000, 0, 11, ['red', 'blue']), table(400, 0, 31, ['blue', 'red']))
    expect(summary.verdict).toBe('No drift: all 3 features look like the training data.')
  })

  it('sees a categorical shift through PSI', async () => {
    const { summary, metrics } = await check(table(300, 0, 11, ['red', 'blue']), table(300, 0, 11, ['red', 'red', 'red', 'blue']), {
      features: ['colour'],
    })
    expect(metrics.scalars['psi.colour']).toBeCloseTo((0.75 - 0.5) * Math.log(1.5) + (0.25 - 0.5) * Math.log(0.5), 2)
    expect(summary.drifted).toEqual(['colour'])
  })

  it('names columns the batch lacks', async () => {
    const batch = makeDataset([numericColumn('a', normal(10, 0, 1))])
    await expect(check(table(20, 0, 1, ['x']), batch)).rejects.toThrow(`The new batch lacks column "b", "colour" of the reference`)
  })
})
