import { p } from '../../runtime/values/params'
import { defineFamily } from '../../ml/families/family'
import { stateReader } from '../../ml/families/state-check'

/**
 * A test-only family (nearest class mean, with a shrink factor towards the overall mean): it
 * shows that a family is one module, and that registering it gives a model node, training,
 * prediction and storage without touching any other file.
 */
export const nearestMean = defineFamily({
  id: 'nearest-mean',
  title: 'Nearest class mean',
  description: 'Assigns each row to the class whose mean feature vector is closest.',
  tasks: ['classification'],
  gradient: false,
  config: { shrink: p.number({ default: 0, min: 0, max: 1, title: 'Shrink towards the overall mean' }) },
  async fit(t, config) {
    const { values: X, rows, cols } = t.X
    const k = t.classes!.length
    const means: Float64Array = new Float64Array(k * cols)
    const counts = new Float64Array(k)
    const overall = new Float64Array(cols)
    for (let i = 0; i < rows; i++) {
      counts[t.y![i]]++
      for (let j = 0; j < cols; j++) {
        means[t.y![i] * cols + j] += X[i * cols + j]
        overall[j] += X[i * cols + j] / rows
      }
    }
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < cols; j++) means[c * cols + j] = (1 - config.shrink) * (means[c * cols + j] / counts[c]) + config.shrink * overall[j]
    }
    return { state: { k, cols, means }, summary: { classes: k } }
  },
  predict(s, X, rows) {
    const predicted = new Float64Array(rows)
    for (let i = 0; i < rows; i++) {
      let best = Infinity
      for (let c = 0; c < s.k; c++) {
        let d = 0
        for (let j = 0; j < s.cols; j++) d += (X[i * s.cols + j] - s.means[c * s.cols + j]) ** 2
        if (d < best) [best, predicted[i]] = [d, c]
      }
    }
    return { predicted }
  },
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('nearest-mean', v)
    const k = r.number('k')
    const cols = r.number('cols')
    return { k, cols, means: r.f64('means', k * cols) }
  },
})
