import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { seededRandom } from '../../runtime/exec/rng'
import type { Dataset } from '../../runtime/values/dataset'
import type { ModelSpec, OptimizerSpec, TrainedModel } from '../../runtime/values/ml'
import type { GradientState } from '../../ml/families/gradient'
import { predictMatrix } from '../../ml/families/predict'
import { blobs, everyThird, linearData } from '../../tests/support/model-testing'
import { categoricalColumn, featureMatrix, makeDataset, numericColumn, targetVector } from '../../ml/table/table'
import { params, paramsError, runNode, testContext } from '../../tests/support/table-testing'
import { fitNode } from '../train/fit'
import { modelNode } from './index'

const linearSvmNode = modelNode('linear-svm')
const linearSvrNode = modelNode('linear-svr')
const cnnNode = modelNode('cnn')
const mlpNode = modelNode('mlp')

beforeAll(async () => {
  await setupNodeBackend()
})

/** Adam at 0.01 wired, so linear SVMs train by gradient descent (unwired, they are solved as LinearSVC/LinearSVR). */
const adam: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } }

async function train(def: Parameters<typeof runNode>[0], given: Record<string, unknown>, data: unknown, fitParams: Record<string, unknown>) {
  const model = (await runNode(def, {}, given)).model as ModelSpec
  return (await fitNode.run({ model, data, optimizer: adam }, params(fitNode, fitParams), testContext({ seed: 1 }).ctx)).model as TrainedModel
}

function accuracy(model: TrainedModel, d: Dataset): number {
  const X = featureMatrix(d)
  const y = targetVector(d)!.values
  return predictMatrix(model, X.values, X.rows).predicted.reduce((h, v, i) => h + (v === y[i] ? 1 : 0), 0) / X.rows
}

/** XOR-like quadrants: not linearly separable, easy for a small MLP. */
function quadrants(n: number): Dataset {
  const r = seededRandom(5)
  const x = Float64Array.from({ length: n }, () => 2 * r() - 1)
  const y = Float64Array.from({ length: n }, () => 2 * r() - 1)
  const label = Int32Array.from(x, (v, i) => (v * y[i] > 0 ? 1 : 0))
  return makeDataset([numericColumn('x', x), numericColumn('y', y), categoricalColumn('label', label, ['a', 'b'], 'target')])
}

/** 8 × 8 images holding a horizontal or a vertical bar at a random position, with pixel noise. */
function bars(n: number): Dataset {
  const r = seededRandom(9)
  const pixels = Array.from({ length: 64 }, () => new Float64Array(n))
  const label = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    label[i] = i % 2
    const at = Math.floor(r() * 8)
    for (let p = 0; p < 64; p++) {
      const [row, col] = [Math.floor(p / 8), p % 8]
      pixels[p][i] = ((label[i] ? col : row) === at ? 1 : 0) + 0.2 * (r() - 0.5)
    }
  }
  return makeDataset([...pixels.map((v, p) => numericColumn(`px${p}`, v)), categoricalColumn('bar', label, ['horizontal', 'vertical'], 'target')])
}

describe('gradient-trained models', () => {
  it('an MLP learns XOR quadrants that a linear model cannot', async () => {
    const split = everyThird(quadrants(300))
    const model = await train(mlpNode, { layers: [{ units: 16, activation: 'tanh' }, { units: 16 }] }, split, { epochs: 40, batchSize: 16 })
    expect(accuracy(model, split.test!)).toBeGreaterThanOrEqual(0.95)
  })

  it('a CNN tells horizontal from vertical bars on 8 × 8 images', async () => {
    const split = everyThird(bars(150))
    const model = await train(cnnNode, { filters: 4, hidden: 8 }, split, { epochs: 15, batchSize: 16 })
    expect(accuracy(model, split.test!)).toBeGreaterThanOrEqual(0.95)
  })

  it('a CNN reads width-1 images as 1-D signals (kernel and pool along the height only)', async () => {
    const signal = bars(20)
    const model = await train(cnnNode, { height: 64, width: 1, filters: 2, hidden: 0 }, signal, { epochs: 1 })
    const layers = (model.state as unknown as GradientState).net.layers
    expect(layers.find((l) => l.kind === 'conv2d')).toMatchObject({ kernel: [3, 1] })
    expect(layers.find((l) => l.kind === 'maxpool')).toMatchObject({ size: [2, 1] })
  })

  it('a CNN whose image shape does not match the columns says so', async () => {
    await expect(train(cnnNode, { height: 4, width: 4 }, bars(10), { epochs: 1 })).rejects.toThrow(
      'Input shape 4x4x1 needs 16 features; the table has 64.',
    )
  })

  it('a linear SVM separates blobs with the hinge loss and reports no probabilities', async () => {
    const data = blobs([[-2, 0], [2, 0], [0, 4]], 20, 0.5)
    const model = await train(linearSvmNode, {}, data, { epochs: 40, batchSize: 10 })
    expect(model.summary?.lossFunction).toBe('hinge')
    expect(accuracy(model, data)).toBe(1)
    const X = featureMatrix(data)
    expect(predictMatrix(model, X.values, X.rows).probabilities).toBeUndefined()
  })

  it('a linear SVR fits a line with the epsilon-insensitive loss', async () => {
    const model = await train(linearSvrNode, { epsilon: 0.01, alpha: 0 }, linearData([1.5], -0.5, 100), { epochs: 100, batchSize: 25 })
    expect(model.summary?.lossFunction).toBe('epsilon-insensitive')
    const p = predictMatrix(model, Float64Array.from([0, 1]), 2).predicted
    expect(p[0]).toBeCloseTo(-0.5, 1)
    expect(p[1]).toBeCloseTo(1, 1)
  })

  it('prediction leaves no tensors behind', async () => {
    const model = await train(mlpNode, { layers: [{ units: 4 }] }, quadrants(40), { epochs: 1 })
    const before = tf.memory().numTensors
    predictMatrix(model, featureMatrix(quadrants(40)).values, 40)
    expect(tf.memory().numTensors).toBe(before)
  })

  it('rejects bad layer lists with the field that is wrong', () => {
    expect(paramsError(mlpNode, { layers: [{ units: 0 }] })).toMatch(/^layers\.0\.units: Too small/)
    expect(paramsError(mlpNode, { layers: [{ units: 8, activation: 'swish' }] })).toMatch(/^layers\.0\.activation: Invalid option/)
    expect(paramsError(mlpNode, { layers: [{ units: 8, dropout: 1 }] })).toMatch(/^layers\.0\.dropout: Too big/)
    expect(paramsError(linearSvrNode, { epsilon: -1 })).toMatch(/^epsilon: Too small/)
  })
})
