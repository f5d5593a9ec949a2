import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { GradientState } from '../../ml/families/gradient'
import { predictMatrix } from '../../ml/families/predict'
import { blobs, everyThird, iris, linearData } from '../../tests/support/model-testing'
import { params, runNode, testContext } from '../../tests/support/table-testing'
import type { LossSpec, ModelSpec, OptimizerSpec, TrainedModel } from '../../runtime/values/ml'
import { featureMatrix } from '../../ml/table/table'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { fitNode } from './fit'
import { modelNode } from '../model'

const linearRegressionNode = modelNode('linear-regression')
const logisticRegressionNode = modelNode('logistic-regression')
const mlpNode = modelNode('mlp')
const decisionTreeNode = modelNode('decision-tree')

beforeAll(async () => {
  await setupNodeBackend()
})

const spec = async (def: Parameters<typeof runNode>[0], given: Record<string, unknown> = {}) =>
  (await runNode(def, {}, given)).model as ModelSpec
const sgd = (learningRate: number): OptimizerSpec => ({ kind: 'optimizer', name: 'sgd', config: { learningRate } })

async function fit(inputs: Record<string, unknown>, given: Record<string, unknown> = {}, seed = 0) {
  const t = testContext({ seed })
  const infos: string[] = []
  t.ctx.log.info = (m) => void infos.push(m)
  const events: { fraction: number; message?: string; data?: Record<string, unknown> }[] = []
  t.ctx.progress = (fraction, message, data) => void events.push({ fraction, message, data })
  const out = await fitNode.run(inputs, params(fitNode, { seed, ...given }), t.ctx)
  return { model: out.model as TrainedModel, infos, events, warnings: t.warnings }
}

describe('train.fit', () => {
  it('linear regression recovers known coefficients within 1e-2 on noiseless data', async () => {
    const data = linearData([2, -3, 0.5], 1.5, 200)
    const { model } = await fit(
      { model: await spec(linearRegressionNode), data, optimizer: sgd(0.3) },
      { epochs: 300, batchSize: 200 },
    )
    const w = (model.state as unknown as GradientState).weights
    expect(Array.from(w[0])).toEqual([expect.closeTo(2, 2), expect.closeTo(-3, 2), expect.closeTo(0.5, 2)])
    expect(w[1][0]).toBeCloseTo(1.5, 2)
    expect(model.summary?.r2).toBeGreaterThan(0.9999)
  })

  it('logistic regression with no loss or optimizer wired is fitted exactly, separates a toy set and its probabilities sum to 1', async () => {
    const data = blobs([[-3, 0], [3, 0], [0, 5]], 20, 0.5)
    const { model, infos } = await fit({ model: await spec(logisticRegressionNode), data })
    expect(infos.join(' ')).toMatch(/No loss or optimizer wired: fitted exactly by L-BFGS/)
    expect(model.summary).toMatchObject({ solver: 'L-BFGS', C: 1 })
    expect(model.summary?.accuracy).toBe(1)
    const X = featureMatrix(data)
    const p = predictMatrix(model, X.values, X.rows)
    for (let i = 0; i < X.rows; i++) expect(p.probabilities![3 * i] + p.probabilities![3 * i + 1] + p.probabilities![3 * i + 2]).toBeCloseTo(1, 5)
    expect(Array.from(p.predicted)).toEqual(Array.from({ length: 60 }, (_, i) => Math.floor(i / 20)))
  })

  it('an optimizer alone trains by gradient descent with the default loss', async () => {
    const data = blobs([[-3, 0], [3, 0], [0, 5]], 20, 0.5)
    const adam: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } }
    const { model, infos } = await fit({ model: await spec(logisticRegressionNode), data, optimizer: adam }, { epochs: 60 })
    expect(infos.join(' ')).toMatch(/default loss categorical-crossentropy/)
    expect(model.summary?.accuracy).toBe(1)
  })

  it('binary logistic regression gives two-column probabilities', async () => {
    const data = blobs([[-2, -2], [2, 2]], 15, 0.4)
    const { model } = await fit({ model: await spec(logisticRegressionNode), data }, { epochs: 40, batchSize: 4 })
    const X = featureMatrix(data)
    const p = predictMatrix(model, X.values, X.rows)
    expect(p.probabilities).toHaveLength(60)
    expect(p.probabilities![0] + p.probabilities![1]).toBeCloseTo(1, 6)
    expect(model.summary?.accuracy).toBe(1)
  })

  it('streams per-epoch progress with validation loss and stops early restoring the best epoch', async () => {
    const { model, events } = await fit(
      { model: await spec(mlpNode, { layers: [{ units: 16 }] }), data: everyThird(iris(), true) },
      { epochs: 400, patience: 3, batchSize: 16 },
    )
    expect(events[0].message).toMatch(/^epoch 1\/400 loss \d\.\d+ val \d\.\d+$/)
    expect(events[0].data).toMatchObject({ epoch: 1, loss: expect.any(Number), valLoss: expect.any(Number), metric: expect.any(Number) })
    const h = model.history!
    expect(h.length).toBeLessThan(400)
    const best = model.summary?.bestEpoch as number
    expect(h.length - best).toBe(3)
    expect(Math.min(...h.map((r) => r.valLoss!))).toBe(h[best - 1].valLoss)
  })

  it('is deterministic for the network\'s seed and differs for another', async () => {
    const run = async (seed: number) =>
      (await fit({ model: await spec(mlpNode, { layers: [{ units: 8, dropout: 0.2 }], seed }), data: iris() }, { epochs: 3 })).model
    const a = await run(1)
    const b = await run(1)
    const c = await run(2)
    const w = (m: TrainedModel) => (m.state as unknown as GradientState).weights.map((x) => Array.from(x))
    expect(w(a)).toEqual(w(b))
    expect(w(a)).not.toEqual(w(c))
    const X = featureMatrix(iris())
    expect(predictMatrix(a, X.values, X.rows).probabilities).toEqual(predictMatrix(b, X.values, X.rows).probabilities)
  })

  it('a trained network survives the cache codec and predicts the same', async () => {
    const { model } = await fit({ model: await spec(mlpNode, { layers: [{ units: 8 }] }), data: iris() }, { epochs: 2 })
    const back = (await decodeValue(await encodeValue(model))) as TrainedModel
    const X = featureMatrix(iris())
    expect(predictMatrix(back, X.values, X.rows)).toEqual(predictMatrix(model, X.values, X.rows))
  })

  it('says what to do when the data has no target', async () => {
    const noTarget = { ...iris(), columns: iris().columns.filter((c) => c.role !== 'target') }
    await expect(fit({ model: await spec(mlpNode), data: noTarget })).rejects.toThrow(
      'The training data has no target column; add a Set target node before training.',
    )
  })

  it('stops with a clear message when the loss diverges', async () => {
    const data = linearData([200, -300], 10, 100)
    await expect(
      fit({ model: await spec(linearRegressionNode), data, optimizer: sgd(5) }, { epochs: 50 }),
    ).rejects.toThrow(/^loss diverged at epoch \d+ — lower the learning rate$/)
  })

  it('leaves no tensors behind, after success and after failure', async () => {
    const before = tf.memory().numTensors
    await fit({ model: await spec(mlpNode, { layers: [{ units: 8, dropout: 0.1 }] }), data: everyThird(iris(), true) }, { epochs: 2, patience: 1 })
    await fit({ model: await spec(linearRegressionNode), data: linearData([200], 0, 50), optimizer: sgd(50) }, { epochs: 20 }).catch(() => {})
    const bce: LossSpec = { kind: 'loss', name: 'binary-crossentropy', config: {} }
    await fit({ model: await spec(logisticRegressionNode), data: iris(), loss: bce }).catch(() => {})
    expect(tf.memory().numTensors).toBe(before)
  })

  it('refuses a loss wired to a classical model and a wrong loss for the task', async () => {
    const mse: LossSpec = { kind: 'loss', name: 'mse', config: {} }
    await expect(fit({ model: await spec(decisionTreeNode), data: iris(), loss: mse })).rejects.toThrow(
      'Decision tree does not use a loss function; remove the loss wire.',
    )
    await expect(fit({ model: await spec(decisionTreeNode), data: iris(), optimizer: sgd(0.1) })).rejects.toThrow(
      'Decision tree does not use an optimizer; remove the optimizer wire.',
    )
    const bce: LossSpec = { kind: 'loss', name: 'binary-crossentropy', config: {} }
    await expect(fit({ model: await spec(logisticRegressionNode), data: iris(), loss: bce })).rejects.toThrow(
      'Binary cross-entropy needs a target with two classes; this one has 3. Use categorical cross-entropy.',
    )
    await expect(fit({ model: await spec(mlpNode), data: linearData([1], 0, 10), loss: { ...bce, name: 'hinge' } })).rejects.toThrow(
      /Hinge loss is for classification but the model trains for regression.*set Task = classification on the model node/,
    )
  })

  it('cancels between batches', async () => {
    const controller = new AbortController()
    const t = testContext({ signal: controller.signal })
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    const big = linearData([1, 2, 3, 4], 0, 20000)
    await expect(
      fitNode.run({ model: await spec(mlpNode), data: big }, params(fitNode, { epochs: 1000, batchSize: 8 }), t.ctx),
    ).rejects.toThrow('Training was cancelled.')
    expect(Date.now() - started).toBeLessThan(1500)
  })
})
