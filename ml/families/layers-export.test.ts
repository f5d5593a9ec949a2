import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import type { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { fitContext } from '../../tests/support/fit-context'
import { iris, linearData } from '../../tests/support/model-testing'
import type { AnyFamily } from './family'
import { FAMILIES } from './index'
import type { LayersFiles } from './layers-export'
import { trainingTable } from './training-table'

beforeAll(() => setupNodeBackend('cpu'))

const SMALL: Record<string, Record<string, unknown>> = {
  mlp: { layers: [{ units: 4, activation: 'tanh', dropout: 0.1 }] },
  cnn: { height: 2, width: 2, filters: 2, kernel: 2, pool: 1, hidden: 3 },
}
const config = (f: AnyFamily) => ({
  ...Object.fromEntries(Object.entries(f.config as Record<string, z.ZodType>).map(([k, s]) => [k, s.parse(undefined)])),
  ...SMALL[f.id],
})

describe('tfjs export of the gradient families', () => {
  const exporting = FAMILIES.filter((f) => f.exportTfjs)

  it('covers the neural and linear families', () => {
    expect(exporting.map((f) => f.id).sort()).toEqual(['cnn', 'linear-regression', 'linear-svm', 'linear-svr', 'logistic-regression', 'mlp'])
  })

  it.each(exporting.map((f) => [f.id, f] as const))('%s: stock tfjs-layers reproduces the family\'s predictions', async (_id, f) => {
    const task = f.tasks.includes('classification') ? 'classification' : 'regression'
    const t = trainingTable(task === 'regression' ? linearData([1, -2, 0.5, 3], 0.5, 40) : iris(), task, f.tasks)
    const { state } = await f.fit(t, config(f), fitContext({ training: { epochs: 3, batchSize: 16 } }))
    const files = (await f.exportTfjs!(state)) as LayersFiles
    const json = JSON.parse(JSON.stringify(files.modelJson))
    const model = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: files.weights.slice().buffer }),
    )
    const X = t.X.values
    const y = tf.tidy(() => Array.from((model.predict(tf.tensor2d(Float32Array.from(X), [t.X.rows, t.X.cols])) as tf.Tensor).dataSync()))
    model.dispose()
    const ours = f.predict(state, X, t.X.rows, { task, features: t.X.names, classes: t.classes })
    const expected = files.outputs === 'probabilities' ? ours.probabilities! : files.outputs === 'scores' ? ours.scores! : ours.predicted
    const width = y.length / t.X.rows
    if (files.outputs === 'probabilities' && width === 1) y.forEach((p, i) => expect(p).toBeCloseTo(expected[2 * i + 1], 5))
    else y.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4))
    expect(y.length).toBe(width * t.X.rows)
  })
})
