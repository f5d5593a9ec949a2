import { describe, expect, it } from 'vitest'
import { hclustSteps } from '../../ml/models/hclust'
import { fitKMeans } from '../../ml/models/kmeans'
import { runToEnd } from '../../ml/stepwise'
import { trainNet } from '../../ml/nn/train'
import { seededRandom } from '../../runtime/exec/rng'
import type { Dataset } from '../../runtime/values/dataset'
import { fitStandardize, standardizeNode } from '../../nodes/transform/standardize'
import { runNode, table, testContext } from '../support/table-testing'

const rows = 40
/** Two clear groups of points whose coordinates are about `scale`. */
const blobs = (scale: number) =>
  Float64Array.from({ length: rows * 2 }, (_, i) => (Math.floor(i / 2) < rows / 2 ? 1 : 5) * scale + (i % 7) * scale * 0.01)

describe('values too large for the arithmetic', () => {
  it('hierarchical clustering and k-means refuse values whose squared distances overflow, with a sentence', async () => {
    expect(() => runToEnd(hclustSteps(blobs(1e160), rows, 2, 2, 'ward'))).toThrow(
      'Hierarchical clustering measures squared distances between rows, and these values (up to ±5.1e+160) make them overflow. Standardize or rescale the columns first.',
    )
    const options = { k: 2, nInit: 1, maxIter: 50, tol: 1e-4, random: seededRandom(0) }
    await expect(fitKMeans(blobs(1e160), rows, 2, options)).rejects.toThrow(/^k-means measures squared distances .* overflow/)
    // Large but safe values still cluster, and into the two groups.
    const fit = await fitKMeans(blobs(1e100), rows, 2, options)
    expect(Number.isFinite(fit.inertia)).toBe(true)
    expect(new Set(runToEnd(hclustSteps(blobs(1e100), rows, 2, 2, 'ward')).labels.subarray(0, rows / 2)).size).toBe(1)
  })

  it('standardize gives finite statistics for values near 1e300, and warns on infinite ones', async () => {
    const huge = table({ x: [1e300, -1e300, 3e300, -3e300], label: ['a', 'b', 'a', 'b'] }, 'label')
    const s = fitStandardize(huge, [], true, true)
    expect(s.mean[0]).toBe(0)
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(5) * 1e300, -290)
    const out = (await runNode(standardizeNode, { data: huge })).data as Dataset
    expect(Array.from((out.columns[0] as { values: Float64Array }).values).map((v) => +v.toFixed(4))).toEqual([0.4472, -0.4472, 1.3416, -1.3416])

    const infinite = table({ x: [1, Infinity, 3, 4], label: ['a', 'b', 'a', 'b'] }, 'label')
    const { ctx, warnings } = testContext()
    await standardizeNode.run({ data: infinite }, { columns: [], withMean: true, withStd: true }, ctx)
    expect(warnings).toEqual(['Column x holds infinite values, so their mean or std is not a number and the standardized values are NaN; clean them first.'])
  })

  it('training on data beyond float32 says the data overflows, not "lower the learning rate"', async () => {
    const X = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 1e300 : i))
    const train = trainNet({
      net: { inputDim: 2, layers: [{ kind: 'dense', units: 1, activation: 'linear' }] },
      head: { kind: 'regression' },
      loss: { name: 'mse', config: {} },
      optimizer: { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } },
      alpha: 0,
      X,
      rows: 10,
      y: Float64Array.from({ length: 10 }, (_, i) => i),
      epochs: 2,
      batchSize: 4,
      patience: 0,
      shuffle: false,
      random: seededRandom(0),
      signal: new AbortController().signal,
    })
    await expect(train).rejects.toThrow(
      'The training features overflow float32 (values up to ±1.0e+300; TensorFlow.js computes in float32, whose limit is ±3.4e38). Rescale or standardize those columns first.',
    )
  })
})
