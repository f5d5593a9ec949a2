import { describe, expect, it } from 'vitest'
import type { ModelSpec, TrainedModel } from '../../runtime/values/ml'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { predictMatrix } from '../../ml/families/predict'
import type { KMeansState } from '../../ml/models/kmeans'
import type { PcaState } from '../../ml/models/pca'
import { blobs, everyThird, iris } from '../../tests/support/model-testing'
import { featureMatrix, targetVector } from '../../ml/table/table'
import { params, paramsError, runNode, testContext } from '../../tests/support/table-testing'
import type { Tree } from '../../ml/models/tree'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'
import { fitNode } from './fit'
import { modelNode } from '../model'

const knnNode = modelNode('knn')
const naiveBayesNode = modelNode('naive-bayes')
const decisionTreeNode = modelNode('decision-tree')
const randomForestNode = modelNode('random-forest')
const hclustNode = modelNode('hclust')
const kmeansNode = modelNode('kmeans')
const pcaModelNode = modelNode('pca')

/**
 * Reference numbers are scikit-learn's on Fisher's iris, as published in its documentation and
 * widely reproduced (scikit-learn itself is not available here):
 * - DecisionTreeClassifier(max_depth=2) on all 150 rows: root "petal length <= 2.45", right child
 *   "petal width <= 1.75" with leaves [0, 49, 5] and [0, 1, 45] → training accuracy 144/150 = 0.96.
 * - GaussianNB fitted and scored on all 150 rows: 6 mislabeled points → 0.96.
 * - KNeighborsClassifier(n_neighbors=5) fitted and scored on all 150 rows: 0.9667 (145/150).
 * - KMeans(n_clusters=3) on the 4 raw features: inertia 78.851 (78.85144142614601).
 * - PCA: explained_variance_ratio_ = [0.92461872, 0.05306648, 0.01710261, 0.00521218].
 */

const spec = async (def: Parameters<typeof runNode>[0], given: Record<string, unknown> = {}) =>
  (await runNode(def, {}, given)).model as ModelSpec

async function fit(model: ModelSpec, data: unknown, seed = 0) {
  const out = await fitNode.run({ model, data }, params(fitNode, {}), testContext({ seed }).ctx)
  return out.model as TrainedModel
}

function accuracy(model: TrainedModel, d: Dataset): number {
  const X = featureMatrix(d)
  const p = predictMatrix(model, X.values, X.rows).predicted
  const y = targetVector(d)!.values
  return p.reduce((hits, v, i) => hits + (v === y[i] ? 1 : 0), 0) / X.rows
}

describe('classical models on iris', () => {
  it('decision tree of depth 2 makes scikit-learn\'s splits and scores 0.96', async () => {
    const model = await fit(await spec(decisionTreeNode, { maxDepth: 2 }), iris())
    const tree = (model.state.trees as Tree[])[0]
    expect(model.features[tree.feature[0]]).toBe('petal_length')
    expect(tree.threshold[0]).toBeCloseTo(2.45, 10)
    const right = tree.right[0]
    expect(model.features[tree.feature[right]]).toBe('petal_width')
    expect(tree.threshold[right]).toBeCloseTo(1.75, 10)
    expect(Array.from(tree.value.subarray(tree.left[right] * 3, tree.left[right] * 3 + 3)).map((v) => v * 54)).toEqual([
      0,
      expect.closeTo(49, 9),
      expect.closeTo(5, 9),
    ])
    expect(accuracy(model, iris())).toBeCloseTo(0.96, 10)
  })

  it('an unlimited tree fits the training rows exactly; held out, it overfits (0.86) where depth 3 does better', async () => {
    const full = await fit(await spec(decisionTreeNode), iris())
    expect(accuracy(full, iris())).toBe(1)
    const split = everyThird(iris())
    expect(accuracy(await fit(await spec(decisionTreeNode), split), split.test!)).toBeCloseTo(0.86, 10)
    expect(accuracy(await fit(await spec(decisionTreeNode, { maxDepth: 3 }), split), split.test!)).toBeGreaterThan(0.86)
  })

  it('Gaussian naive Bayes mislabels 6 of 150 rows, as scikit-learn\'s GaussianNB', async () => {
    const model = await fit(await spec(naiveBayesNode), iris())
    expect(accuracy(model, iris())).toBeCloseTo(144 / 150, 10)
    const X = featureMatrix(iris())
    const p = predictMatrix(model, X.values, X.rows).probabilities!
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12)
  })

  it('k-NN (k = 5) scores 0.9667 on its training rows and 1.0 with k = 1', async () => {
    expect(accuracy(await fit(await spec(knnNode), iris()), iris())).toBeCloseTo(145 / 150, 10)
    expect(accuracy(await fit(await spec(knnNode, { k: 1 }), iris()), iris())).toBe(1)
  })

  it('k-NN with distance weights lets an exact match decide', async () => {
    const model = await fit(await spec(knnNode, { k: 3, weights: 'distance' }), iris())
    const X = featureMatrix(iris())
    const p = predictMatrix(model, X.values.subarray(0, 4), 1)
    expect(Array.from(p.probabilities!)).toEqual([1, 0, 0])
  })

  it('random forest: deterministic for a seed, ≥ 0.93 on held-out rows (scikit-learn: ≈ 0.95)', async () => {
    const split = everyThird(iris())
    const s = await spec(randomForestNode, { nEstimators: 30, seed: 1 })
    const a = await fit(s, split, 1)
    const b = await fit(s, split, 1)
    expect(a.state).toEqual(b.state)
    expect(accuracy(a, split.test!)).toBeGreaterThanOrEqual(0.93)
    expect(accuracy(a, split.train)).toBeGreaterThanOrEqual(0.99)
  })

  it('random forest regression averages tree values', async () => {
    const d = blobs([[0, 0]], 60, 1)
    d.columns[2] = { name: 'z', type: 'numeric', role: 'target', values: (d.columns[0] as NumericColumn).values.map((x) => 3 * x) }
    const model = await fit(await spec(randomForestNode, { nEstimators: 10 }), d)
    expect(model.task).toBe('regression')
    const p = predictMatrix(model, Float64Array.from([0.5, 0]), 1).predicted[0]
    expect(p).toBeGreaterThan(0.5)
    expect(p).toBeLessThan(2.5)
  })

  it('trained models survive the cache codec and predict the same', async () => {
    for (const s of [await spec(randomForestNode, { nEstimators: 5 }), await spec(knnNode), await spec(naiveBayesNode)]) {
      const model = await fit(s, iris())
      const back = (await decodeValue(await encodeValue(model))) as TrainedModel
      const X = featureMatrix(iris())
      expect(predictMatrix(back, X.values, X.rows)).toEqual(predictMatrix(model, X.values, X.rows))
    }
  })

  it('rejects bad params with plain messages', async () => {
    expect(paramsError(knnNode, { k: 0 })).toMatch(/^k: Too small: expected number to be >=1/)
    expect(paramsError(randomForestNode, { maxFeatures: 'half' })).toMatch(/^maxFeatures: Invalid option/)
    await expect(fit(await spec(knnNode, { k: 200 }), iris())).rejects.toThrow(
      'k-NN with k = 200 needs at least 200 training rows; the table has 150. Lower k.',
    )
  })
})

describe('unsupervised models', () => {
  it('k-means on iris reaches scikit-learn\'s inertia 78.851', async () => {
    const model = await fit(await spec(kmeansNode, { seed: 0 }), iris())
    expect((model.state as unknown as KMeansState).inertia).toBeCloseTo(78.8514, 3)
    expect(model.task).toBe('clustering')
  })

  it('k-means recovers the centers of well-separated blobs', async () => {
    const centers: [number, number][] = [[0, 0], [10, 0], [0, 10]]
    const model = await fit(await spec(kmeansNode, { k: 3 }), blobs(centers, 100, 0.5))
    const found = (model.state as unknown as KMeansState).centers
    for (const [cx, cy] of centers) {
      const near = [0, 1, 2].some((c) => Math.hypot(found[2 * c] - cx, found[2 * c + 1] - cy) < 0.15)
      expect(near).toBe(true)
    }
  })

  it('hierarchical clustering recovers blobs with every linkage and labels new rows by nearest centroid', async () => {
    const data = blobs([[0, 0], [8, 0], [0, 8]], 20, 0.5)
    for (const linkage of ['ward', 'complete', 'average', 'single']) {
      const model = await fit(await spec(hclustNode, { linkage }), data)
      const labels = model.state.labels as Float64Array
      expect(Array.from(labels)).toEqual(Array.from({ length: 60 }, (_, i) => Math.floor(i / 20)))
      expect(Array.from(predictMatrix(model, Float64Array.from([8.2, 0.1]), 1).predicted)).toEqual([1])
    }
  })

  it('PCA explains iris\'s variance as scikit-learn does and projects new rows', async () => {
    const model = await fit(await spec(pcaModelNode, { components: 4 }), iris())
    const s = model.state as unknown as PcaState
    const expected = [0.92461872, 0.05306648, 0.01710261, 0.00521218]
    Array.from(s.explainedVarianceRatio).forEach((r, i) => expect(r).toBeCloseTo(expected[i], 6))
    // First loading vector of iris (scikit-learn components_[0]): [0.3614, -0.0845, 0.8567, 0.3583].
    expect(Array.from(s.loadings.subarray(0, 4))).toEqual([0.3614, -0.0845, 0.8567, 0.3583].map((v) => expect.closeTo(v, 3)))
    const X = featureMatrix(iris())
    const p = predictMatrix(model, X.values, X.rows)
    expect(p.embedding!.names).toEqual(['pc_1', 'pc_2', 'pc_3', 'pc_4'])
    // Row 0 of scikit-learn's PCA(2).fit_transform(iris): [-2.684, 0.319].
    expect(p.embedding!.values[0]).toBeCloseTo(-2.684, 2)
    expect(Math.abs(p.embedding!.values[1])).toBeCloseTo(0.319, 2)
  })
})
