import { describe, expect, it } from 'vitest'
import type { NodeDefinition } from '../../runtime/node-api/define-node'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'
import { featureMatrix, targetVector } from '../../ml/table/table'
import { params, paramsError, runNode } from '../../tests/support/table-testing'
import { blobsNode } from './blobs'
import { circlesNode } from './circles'
import { classificationNode } from './classification'
import { irisNode } from './iris'
import { moonsNode } from './moons'
import { regressionNode } from './regression'
import { spiralsNode } from './spirals'
import { xorNode } from './xor'

const gen = async (def: Parameters<typeof runNode>[0], given: Record<string, unknown> = {}) =>
  (await runNode(def, {}, given)).data as Dataset

const classCounts = (d: Dataset) => {
  const t = targetVector(d)!
  const counts = new Array(t.classes!.length).fill(0)
  for (const v of t.values) counts[v]++
  return counts
}

describe('data.iris', () => {
  it('has 150 rows, four features and three balanced species', async () => {
    const d = await gen(irisNode)
    expect(d.rows).toBe(150)
    const m = featureMatrix(d)
    expect(m.names).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width'])
    expect([...m.values.slice(0, 4)]).toEqual([5.1, 3.5, 1.4, 0.2])
    expect(targetVector(d)!.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(classCounts(d)).toEqual([50, 50, 50])
  })
})

describe('generators', () => {
  it('are deterministic for a seed and differ across seeds', async () => {
    for (const def of <NodeDefinition<any>[]>[blobsNode, moonsNode, circlesNode, spiralsNode, xorNode, regressionNode, classificationNode]) {
      const a = featureMatrix(await gen(def, { seed: 3 })).values
      const b = featureMatrix(await gen(def, { seed: 3 })).values
      const c = featureMatrix(await gen(def, { seed: 4 })).values
      expect(a).toEqual(b)
      expect(a).not.toEqual(c)
      expect(params(def).seed).toBe(0)
    }
  })

  it('moons without noise lie on the two half circles of make_moons', async () => {
    const d = await gen(moonsNode, { samples: 101, noise: 0 })
    const m = featureMatrix(d)
    const y = targetVector(d)!.values
    expect(classCounts(d)).toEqual([50, 51])
    for (let i = 0; i < m.rows; i++) {
      const [a, b] = [m.values[2 * i], m.values[2 * i + 1]]
      // class 0: a² + b² = 1, b ≥ 0; class 1: (a - 1)² + (b - 0.5)² = 1, b ≤ 0.5
      const r = y[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5)
      expect(r).toBeCloseTo(1, 12)
      if (y[i] === 0) expect(b).toBeGreaterThanOrEqual(-1e-12)
      else expect(b).toBeLessThanOrEqual(0.5 + 1e-12)
    }
  })

  it('circles without noise sit on radius 1 and radius factor', async () => {
    const d = await gen(circlesNode, { samples: 40, noise: 0, factor: 0.3 })
    const m = featureMatrix(d)
    const y = targetVector(d)!.values
    for (let i = 0; i < m.rows; i++) {
      expect(Math.hypot(m.values[2 * i], m.values[2 * i + 1])).toBeCloseTo(y[i] === 0 ? 1 : 0.3, 12)
    }
    expect(paramsError(circlesNode, { factor: 1 })).toMatch(/factor/)
  })

  it('blobs put each cluster around its own centre with the given spread', async () => {
    const d = await gen(blobsNode, { samples: 3000, centers: 3, features: 2, cluster_std: 0.5 })
    expect(classCounts(d)).toEqual([1000, 1000, 1000])
    const m = featureMatrix(d)
    const y = targetVector(d)!.values
    for (let k = 0; k < 3; k++) {
      const xs = [...Array(m.rows).keys()].filter((i) => y[i] === k).map((i) => m.values[2 * i])
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length)
      expect(mean).toBeGreaterThan(-10.2)
      expect(mean).toBeLessThan(10.2)
      expect(sd).toBeCloseTo(0.5, 1)
    }
  })

  it('spirals give each arm its share, radii in [0, 1] without noise', async () => {
    const d = await gen(spiralsNode, { samples: 301, classes: 3, noise: 0 })
    expect(classCounts(d)).toEqual([101, 100, 100])
    const m = featureMatrix(d)
    for (let i = 0; i < m.rows; i++) expect(Math.hypot(m.values[2 * i], m.values[2 * i + 1])).toBeLessThanOrEqual(1 + 1e-12)
  })

  it('xor labels opposite-sign quadrants 1', async () => {
    const d = await gen(xorNode, { samples: 500 })
    const m = featureMatrix(d)
    const y = targetVector(d)!.values
    for (let i = 0; i < m.rows; i++) expect(y[i]).toBe(m.values[2 * i] * m.values[2 * i + 1] < 0 ? 1 : 0)
  })

  it('regression: least squares recovers the coefficients listed in the summary', async () => {
    const given = { seed: 7, samples: 500, features: 3, informative: 2, noise: 0, bias: 4 }
    const d = await gen(regressionNode, given)
    const summary = regressionNode.summarize!({ data: d }, params(regressionNode, given)) as {
      coefficients: Record<string, number>
      bias: number
    }
    expect(summary.coefficients.x3).toBe(0)
    expect(summary.bias).toBe(4)
    // Without noise y is exactly X·w + b.
    const y = (d.columns[3] as NumericColumn).values
    const x = d.columns.slice(0, 3).map((c) => (c as NumericColumn).values)
    for (let i = 0; i < d.rows; i++) {
      const fit = 4 + x[0][i] * summary.coefficients.x1 + x[1][i] * summary.coefficients.x2
      expect(y[i]).toBeCloseTo(fit, 9)
    }
    expect(summary.coefficients.x1).toBeGreaterThan(0)
    expect(summary.coefficients.x1).toBeLessThan(100)
    await expect(gen(regressionNode, { features: 2, informative: 3 })).rejects.toThrow('cannot exceed features')
  })

  it('classification: the rows of seed 5 are those of the first implementation (the gather loops changed no number)', async () => {
    const d = await gen(classificationNode, { seed: 5, samples: 40, features: 5, informative: 2, redundant: 1, classes: 2 })
    expect([...featureMatrix(d).values.slice(0, 10)]).toEqual([
      0.8713363230191157, 1.2321704868960903, 0.11671844183558283, -1.620689155669332, 0.6128113599140166, -0.6716914637887199,
      0.7308920712663423, -0.3379712996187574, -2.759649416160074, 1.2615519591624924,
    ])
    expect([...targetVector(d)!.values.slice(0, 10)]).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 1])
  })

  it('classification: balanced classes, redundant features are combinations of informative ones', async () => {
    const d = await gen(classificationNode, { samples: 300, features: 5, informative: 2, redundant: 1, classes: 3, noise: 0 })
    expect(classCounts(d)).toEqual([100, 100, 100])
    expect(featureMatrix(d).cols).toBe(5)
    // x3 = a·x1 + b·x2 exactly: rank of [x1 x2 x3] over 3 rows is 2.
    const m = featureMatrix(d)
    const r = (i: number) => [m.values[i * 5], m.values[i * 5 + 1], m.values[i * 5 + 2]]
    const [p, q, s] = [r(0), r(1), r(2)]
    const det = p[0] * (q[1] * s[2] - q[2] * s[1]) - p[1] * (q[0] * s[2] - q[2] * s[0]) + p[2] * (q[0] * s[1] - q[1] * s[0])
    expect(Math.abs(det)).toBeLessThan(1e-9)
    await expect(gen(classificationNode, { classes: 3, informative: 1 })).rejects.toThrow('at most 2^informative (2)')
    expect(classificationNode.check!(params(classificationNode, { features: 2, informative: 2, redundant: 1 }), {})[0]).toMatch(
      'cannot exceed features (2)',
    )
  })
})
