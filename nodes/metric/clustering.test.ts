import { describe, expect, it } from 'vitest'
import type { Metrics, Predictions } from '../../runtime/values/ml'
import { params, table, testContext } from '../../tests/support/table-testing'
import { clusteringMetricsNode as node } from './clustering'

const predictions = (x: number[], clusters: number[], actual?: number[]): Predictions => ({
  kind: 'predictions',
  task: 'clustering',
  rows: clusters.length,
  predicted: Float64Array.from(clusters),
  features: { names: ['x'], values: Float64Array.from(x) },
  ...(actual ? { actual: Float64Array.from(actual) } : {}),
})

async function score(inputs: Record<string, unknown>, given: Record<string, unknown> = {}) {
  const { ctx } = testContext()
  const out = await node.run(inputs, params(node, given), ctx)
  return (out.metrics as Metrics).scalars
}

describe('metric.clustering', () => {
  it('computes silhouette, inertia and adjusted Rand index by hand', async () => {
    const s = await score({ predictions: predictions([0, 1, 4, 5], [1, 1, 0, 0], [0, 0, 1, 2]) })
    expect(s.silhouette).toBeCloseTo((3.5 / 4.5 + 2.5 / 3.5) / 2, 12)
    expect(s.inertia).toBe(1)
    expect(s.clusters).toBe(2)
    expect(s.adjustedRand).toBeCloseTo(4 / 7, 12)
  })

  it('reads features from a wired dataset when the predictions carry none', async () => {
    const pred = { ...predictions([0, 0, 0, 0], [0, 0, 1, 1]), features: undefined }
    const s = await score({ predictions: pred, data: table({ x: [0, 1, 4, 5], y: ['a', 'a', 'b', 'b'] }, 'y') })
    expect(s.inertia).toBe(1)
    await expect(score({ predictions: pred })).rejects.toThrow(/connect the dataset the clusters were predicted on/)
    await expect(score({ predictions: pred, data: table({ x: [0, 1] }) })).rejects.toThrow(/has 2 rows but the predictions have 4/)
  })

  it('samples rows for the silhouette deterministically when there are more than the sample size', async () => {
    const x = Array.from({ length: 40 }, (_, i) => (i < 20 ? i * 0.01 : 10 + i * 0.01))
    const labels = x.map((_, i) => (i < 20 ? 0 : 1))
    const full = await score({ predictions: predictions(x, labels) })
    const a = await score({ predictions: predictions(x, labels) }, { sampleSize: 12 })
    const b = await score({ predictions: predictions(x, labels) }, { sampleSize: 12 })
    expect(a.silhouette).toBe(b.silhouette)
    expect(a.silhouette).not.toBe(full.silhouette)
    expect(a.silhouette).toBeGreaterThan(0.95)
    expect(a.inertia).toBe(full.inertia)
  })

  it('refuses a single cluster like sklearn', async () => {
    await expect(score({ predictions: predictions([0, 1, 2], [0, 0, 0]) })).rejects.toThrow(/between 2 and 2 clusters/)
  })
})
