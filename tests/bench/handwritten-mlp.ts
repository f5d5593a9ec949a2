/**
 * The MLP benchmark written by hand, as a user would without the graph: the same data
 * (data.classification's generator with the same seed), an 80/20 split, 2 × 64 relu,
 * Adam, binary cross-entropy, then test accuracy. Two training paths:
 *   --mode fit   tfjs-layers `model.fit` (the usual Keras-style script)
 *   --mode loop  a custom loop over tfjs-core ops with `optimizer.minimize`
 * Prints one JSON line: {mode, backend, rows, epochs, trainMs, scriptMs, accuracy}.
 */
import { parseArgs } from 'node:util'
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { classificationNode } from '../../nodes/data/classification'
import { seededRandom } from '../../runtime/exec/rng'
import { Registry } from '../../runtime/registry'
import type { Dataset, NumericColumn } from '../../runtime/values/dataset'

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'fit' },
    rows: { type: 'string', default: '20000' },
    features: { type: 'string', default: '20' },
    epochs: { type: 'string', default: '10' },
    batch: { type: 'string', default: '64' },
    hidden: { type: 'string', default: '64' },
    lr: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '0' },
    backend: { type: 'string', default: 'wasm' },
  },
})
const rows = Number(args.rows)
const features = Number(args.features)
const epochs = Number(args.epochs)
const batch = Number(args.batch)
const hidden = Number(args.hidden)
const lr = Number(args.lr)
const seed = Number(args.seed)

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
if (!(await tf.setBackend(args.backend!))) throw new Error(`backend ${args.backend} did not start`)
await tf.ready()

// Same generator and seed as the graph's data.classification node.
const registry = new Registry([classificationNode])
const params = registry.resolveParams('data.classification', {
  seed,
  samples: rows,
  features,
  informative: 10,
  redundant: 5,
  classes: 2,
})
const noop = () => undefined
const { data } = (await classificationNode.run({}, params as never, {
  signal: new AbortController().signal,
  progress: noop,
  random: seededRandom(seed),
  log: { info: noop, warn: noop },
  files: {},
  backend: args.backend!,
})) as { data: Dataset }

// Row-major feature matrix and 0/1 labels, then a seeded 80/20 split.
const featureCols = data.columns.filter((c) => c.role === 'feature') as NumericColumn[]
const target = data.columns.find((c) => c.role === 'target')!
const X = new Float32Array(rows * features)
featureCols.forEach((c, j) => c.values.forEach((v, i) => (X[i * features + j] = v)))
const y = Float32Array.from(target.type === 'categorical' ? target.codes : target.values)
const random = seededRandom(seed + 1)
const order = Int32Array.from({ length: rows }, (_, i) => i)
for (let i = rows - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1))
  ;[order[i], order[j]] = [order[j], order[i]]
}
const nTrain = Math.round(rows * 0.8)
const take = (idx: Int32Array) => {
  const x = new Float32Array(idx.length * features)
  idx.forEach((r, i) => x.set(X.subarray(r * features, (r + 1) * features), i * features))
  return { x: tf.tensor2d(x, [idx.length, features]), y: tf.tensor2d(Float32Array.from(idx, (r) => y[r]), [idx.length, 1]) }
}
const train = take(order.subarray(0, nTrain))
const test = take(order.subarray(nTrain))

async function trainWithFit(): Promise<(x: tf.Tensor) => tf.Tensor> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [features], units: hidden, activation: 'relu' }),
      tfl.layers.dense({ units: hidden, activation: 'relu' }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  })
  model.compile({ optimizer: tf.train.adam(lr), loss: 'binaryCrossentropy', metrics: ['accuracy'] })
  await model.fit(train.x, train.y, { epochs, batchSize: batch, shuffle: true, verbose: 0 })
  return (x) => model.predict(x) as tf.Tensor
}

async function trainWithLoop(): Promise<(x: tf.Tensor) => tf.Tensor> {
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    return tf.variable(tf.tensor2d(Float32Array.from({ length: fanIn * fanOut }, () => (2 * random() - 1) * limit), [fanIn, fanOut]))
  }
  const vars = [glorot(features, hidden), tf.variable(tf.zeros([hidden])), glorot(hidden, hidden), tf.variable(tf.zeros([hidden])), glorot(hidden, 1), tf.variable(tf.zeros([1]))]
  const [w1, b1, w2, b2, w3, b3] = vars
  const dense = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b)
  const logits = (x: tf.Tensor) => tf.tidy(() => dense(tf.relu(dense(tf.relu(dense(x, w1, b1)), w2, b2)), w3, b3))
  const optimizer = tf.train.adam(lr)
  const idx = Int32Array.from({ length: nTrain }, (_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = nTrain - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[idx[i], idx[j]] = [idx[j], idx[i]]
    }
    for (let start = 0; start < nTrain; start += batch) {
      const cost = tf.tidy(() => {
        const it = tf.tensor1d(idx.subarray(start, Math.min(nTrain, start + batch)), 'int32')
        const xb = tf.gather(train.x, it)
        const yb = tf.gather(train.y, it)
        return optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yb, logits(xb)), true, vars)!
      })
      // Reading the loss each batch, as model.fit does for its logs.
      cost.dataSync()
      cost.dispose()
    }
  }
  return (x) => tf.tidy(() => tf.sigmoid(logits(x)))
}

const t0 = performance.now()
const predict = args.mode === 'loop' ? await trainWithLoop() : await trainWithFit()
const trainMs = performance.now() - t0
const p = predict(test.x)
const pv = await p.data()
const tv = await test.y.data()
let hits = 0
pv.forEach((v, i) => (hits += (v >= 0.5 ? 1 : 0) === tv[i] ? 1 : 0))
p.dispose()
process.stdout.write(
  JSON.stringify({ mode: args.mode, backend: tf.getBackend(), rows, epochs, trainMs, scriptMs: performance.now(), accuracy: hits / pv.length }) + '\n',
)
