import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { encodeTargets, lossValue, type Head, type LossChoice } from './loss'

beforeAll(async () => {
  await setupNodeBackend()
})

const value = (name: LossChoice['name'], head: Head, out: number[][], y: number[], config = {}) =>
  tf.tidy(() => lossValue({ name, config }, head, tf.tensor2d(out), encodeTargets(head, Float64Array.from(y))).dataSync()[0])

const reg: Head = { kind: 'regression' }
const bin: Head = { kind: 'binary' }
const three: Head = { kind: 'multiclass', classes: 3 }

describe('losses (hand-computed)', () => {
  it('regression losses on errors 1, -2, 0.5', () => {
    const out = [[1], [-2], [0.5]]
    const y = [0, 0, 0]
    expect(value('mse', reg, out, y)).toBeCloseTo((1 + 4 + 0.25) / 3, 6)
    expect(value('mae', reg, out, y)).toBeCloseTo(3.5 / 3, 6)
    // Huber, delta 1: 0.5·1², 1·(2 − 0.5), 0.5·0.25 → mean 2.125 / 3.
    expect(value('huber', reg, out, y, { delta: 1 })).toBeCloseTo(2.125 / 3, 6)
    // Epsilon-insensitive, epsilon 0.5: 0.5, 1.5, 0.
    expect(value('epsilon-insensitive', reg, out, y, { epsilon: 0.5 })).toBeCloseTo(2 / 3, 6)
  })

  it('binary cross-entropy and hinge on logits', () => {
    // σ(0) = 0.5 → −ln 0.5; logit ln 3 → p = 0.75 for class 1 → −ln 0.75.
    expect(value('binary-crossentropy', bin, [[0], [Math.log(3)]], [0, 1])).toBeCloseTo((Math.log(2) - Math.log(0.75)) / 2, 5)
    // Labels ±1: max(0, 1 − (−1)(0.5)) = 1.5 and max(0, 1 − 2) = 0.
    expect(value('hinge', bin, [[0.5], [2]], [0, 1])).toBeCloseTo(0.75, 6)
  })

  it('categorical cross-entropy and Crammer–Singer hinge over three classes', () => {
    const out = [[Math.log(2), 0, 0], [0, 0, 0]]
    // Row 1: softmax = [0.5, 0.25, 0.25], true class 0 → −ln 0.5. Row 2: uniform, true 2 → ln 3.
    expect(value('categorical-crossentropy', three, out, [0, 2])).toBeCloseTo((Math.log(2) + Math.log(3)) / 2, 5)
    // Scores [3, 1, 2.5], true 0 → max(0, 1 + 2.5 − 3) = 0.5; [0, 0, 0], true 1 → 1.
    expect(value('hinge', three, [[3, 1, 2.5], [0, 0, 0]], [0, 1])).toBeCloseTo(0.75, 6)
  })

  it('MSE on a classifier compares probabilities with the one-hot target', () => {
    // softmax of zeros = 1/3 each; true class 0: ((2/3)² + 2·(1/3)²) / 3 per element mean.
    expect(value('mse', three, [[0, 0, 0]], [0])).toBeCloseTo((4 / 9 + 2 / 9) / 3, 6)
  })
})
