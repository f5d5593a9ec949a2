import '@tensorflow/tfjs-backend-wasm'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import type { ModelSpec, Predictions, TrainedModel } from '../../runtime/values/ml'
import { everyThird, iris } from '../../tests/support/model-testing'
import { categoricalColumn, makeDataset, numericColumn, subsetRows } from '../../ml/table/table'
import { tableRows } from '../../runtime/cli/table-out'
import { params, runNode, testContext } from '../../tests/support/table-testing'
import { fitNode } from '../train/fit'
import { standardizeNode } from '../transform/standardize'
import { predictNode } from './apply'
import { modelNode } from '../model'

const logisticRegressionNode = modelNode('logistic-regression')
const linearSvmNode = modelNode('linear-svm')
const knnNode = modelNode('knn')
const pcaModelNode = modelNode('pca')

beforeAll(async () => {
  await setupNodeBackend()
})

async function trained(def: Parameters<typeof runNode>[0], data: unknown, given: Record<string, unknown> = {}) {
  const model = (await runNode(def, {}, given)).model as ModelSpec
  return (await fitNode.run({ model, data }, params(fitNode, { epochs: 30 }), testContext().ctx)).model as TrainedModel
}

async function predict(model: TrainedModel, data: unknown, split?: string) {
  const t = testContext()
  const out = await predictNode.run({ model, data }, params(predictNode, split ? { split } : {}), t.ctx)
  return { p: out.predictions as Predictions, warnings: t.warnings }
}

describe('predict.apply', () => {
  it('scores the test split by default, with classes, probabilities and the true target', async () => {
    const split = everyThird(iris())
    const model = await trained(knnNode, split)
    const { p } = await predict(model, split)
    expect(p).toMatchObject({ kind: 'predictions', task: 'classification', rows: 50, split: 'test', classes: ['setosa', 'versicolor', 'virginica'] })
    expect(p.probabilities).toHaveLength(150)
    expect(Array.from(p.actual!.subarray(0, 3))).toEqual([0, 0, 0])
    expect(p.features!.names).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width'])
    expect(predictNode.summarize!({ predictions: p }, params(predictNode)).accuracy).toBeGreaterThan(0.9)
  })

  it('carries the rows\' ID columns, as text: which row each prediction is about (also in --out files)', async () => {
    const withIds = (d: Dataset): Dataset => {
      const tags = Array.from({ length: d.rows }, (_, i) => `flower-${i}`)
      return makeDataset([categoricalColumn('tag', Int32Array.from(tags, (_, i) => i), tags, 'id'), ...d.columns, numericColumn('n', Float64Array.from(tags, (_, i) => (i === 3 ? NaN : i * 10)), 'id')])
    }
    const split = everyThird(withIds(iris()))
    const { p } = await predict(await trained(knnNode, split), split)
    expect(p.ids!.map((c) => c.name)).toEqual(['tag', 'n'])
    expect(p.ids![0].values.slice(0, 3)).toEqual(['flower-0', 'flower-3', 'flower-6'])
    expect(p.ids![1].values.slice(0, 3)).toEqual(['0', '', '60'])
    const { header, rows } = tableRows(p)
    expect(header.slice(0, 4)).toEqual(['tag', 'n', 'actual', 'predicted'])
    expect(rows[1].slice(0, 3)).toEqual(['flower-3', '', 'setosa'])
    expect(tableRows((await predict(await trained(knnNode, everyThird(iris())), everyThird(iris()))).p).header[0]).toBe('row')
  })

  it('falls back with a message when the chosen split is absent, and can score all rows', async () => {
    const split = everyThird(iris())
    const model = await trained(knnNode, split)
    const { p, warnings } = await predict(model, split, 'validation')
    expect(p.split).toBe('test')
    expect(warnings).toEqual(['The splits have no validation set; predicting on the test set instead.'])
    expect((await predict(model, split, 'all')).p.rows).toBe(150)
  })

  it('replays the model\'s fitted preprocessing on raw rows', async () => {
    const scaled = (await runNode(standardizeNode, { data: everyThird(iris()) }, {})).data as Splits
    const model = await trained(logisticRegressionNode, scaled)
    expect(model.steps.map((s) => s.type)).toEqual(['transform.standardize'])
    const fromScaled = (await predict(model, scaled.test!)).p
    const raw = subsetRows(iris(), Int32Array.from({ length: 50 }, (_, i) => 3 * i))
    const fromRaw = (await predict(model, raw)).p
    expect(fromRaw.probabilities).toEqual(fromScaled.probabilities)
    expect(fromRaw.split).toBe('all')
  })

  it('projects rows with a PCA model into pc_ columns', async () => {
    const model = await trained(pcaModelNode, iris())
    const { p } = await predict(model, iris())
    expect(p.task).toBe('embedding')
    expect(p.features!.names).toEqual(['pc_1', 'pc_2'])
    expect(p.features!.values).toHaveLength(300)
  })

  it('gives SVM labels and decision scores without probabilities, and says what is missing for bad inputs', async () => {
    const model = await trained(linearSvmNode, iris())
    const { p } = await predict(model, iris())
    expect(p.probabilities).toBeUndefined()
    expect(p.scores).toHaveLength(150 * 3)
    // The predicted class is the one with the highest decision score.
    for (let i = 0; i < 150; i++) {
      const row = Array.from(p.scores!.subarray(3 * i, 3 * i + 3))
      expect(p.predicted[i]).toBe(row.indexOf(Math.max(...row)))
    }
    expect(p.predicted).toHaveLength(150)
    const noPetal = { ...iris(), columns: iris().columns.filter((c) => !c.name.startsWith('petal')) }
    await expect(predict(model, noPetal)).rejects.toThrow(
      'The model was trained on columns "sepal_length", "sepal_width", "petal_length", "petal_width"; this table lacks "petal_length", "petal_width".',
    )
    await expect(predict({ kind: 'model-spec' } as unknown as TrainedModel, iris())).rejects.toThrow(/connect the output of a Train node/)
  })
})
