import { describe, expect, it } from 'vitest'
import { accuracy, averagedScores, confusionMatrix, logLoss, perClassScores } from './classification'

// scikit-learn's docstring example for precision/recall/f1_score.
const yTrue = [0, 1, 2, 0, 1, 2]
const yPred = [0, 2, 1, 0, 0, 1]

describe('classification metrics (scikit-learn definitions)', () => {
  it('builds the confusion matrix with true classes as rows', () => {
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [2, 0, 0],
      [1, 0, 1],
      [0, 2, 0],
    ])
  })

  it('matches the sklearn docstring values for every averaging', () => {
    const cm = confusionMatrix(yTrue, yPred, 3)
    expect(accuracy(yTrue, yPred)).toBeCloseTo(1 / 3, 12)
    const per = perClassScores(cm)
    expect(per.precision).toEqual([2 / 3, 0, 0])
    expect(per.recall).toEqual([1, 0, 0])
    expect(per.f1[0]).toBeCloseTo(0.8, 12)
    expect(per.support).toEqual([2, 2, 2])
    const macro = averagedScores(cm, 'macro')
    expect(macro.precision).toBeCloseTo(2 / 9, 12)
    expect(macro.recall).toBeCloseTo(1 / 3, 12)
    expect(macro.f1).toBeCloseTo(0.8 / 3, 12)
    const micro = averagedScores(cm, 'micro')
    for (const v of Object.values(micro)) expect(v).toBeCloseTo(1 / 3, 12)
    const weighted = averagedScores(cm, 'weighted')
    expect(weighted.precision).toBeCloseTo(2 / 9, 12)
    expect(weighted.f1).toBeCloseTo(0.8 / 3, 12)
  })

  it('weights by support in weighted averaging', () => {
    // class 0: tp 3 fn 1 (support 4); class 1: tp 1 fp 1 (support 1)
    const cm = confusionMatrix([0, 0, 0, 0, 1], [0, 0, 0, 1, 1], 2)
    const w = averagedScores(cm, 'weighted')
    expect(w.recall).toBeCloseTo((4 * 0.75 + 1 * 1) / 5, 12)
    expect(w.precision).toBeCloseTo((4 * 1 + 1 * 0.5) / 5, 12)
    const b = averagedScores(cm, 'binary', 1)
    expect(b).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 })
    const b0 = averagedScores(cm, 'binary', 0)
    expect(b0.precision).toBe(1)
    expect(b0.recall).toBe(0.75)
  })

  it('scores a class that is never predicted as 0 (zero_division = 0)', () => {
    const cm = confusionMatrix(yTrue, [0, 0, 0, 0, 0, 0], 3)
    const per = perClassScores(cm)
    expect(per.precision).toEqual([1 / 3, 0, 0])
    expect(per.f1).toEqual([0.5, 0, 0])
    expect(averagedScores(cm, 'macro').precision).toBeCloseTo(1 / 9, 12)
    expect(averagedScores(cm, 'macro').f1).toBeCloseTo(1 / 6, 12)
  })

  it('averages over the classes present when only one class occurs', () => {
    const cm = confusionMatrix([1, 1, 1], [1, 1, 1], 2)
    expect(averagedScores(cm, 'macro')).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(averagedScores(cm, 'binary', 1)).toEqual({ precision: 1, recall: 1, f1: 1 })
    // The absent class as positive: every ratio is 0/0, scored 0.
    expect(averagedScores(cm, 'binary', 0)).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('gives 1 everywhere for perfect predictions', () => {
    const cm = confusionMatrix(yTrue, yTrue, 3)
    expect(accuracy(yTrue, yTrue)).toBe(1)
    for (const avg of ['macro', 'micro', 'weighted'] as const) {
      expect(averagedScores(cm, avg)).toEqual({ precision: 1, recall: 1, f1: 1 })
    }
  })

  it('computes log loss like the sklearn docstring example and clips at float64 eps', () => {
    // log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) = 0.21616...
    const probs = [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]
    const expected = -(2 * Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4
    expect(logLoss([1, 0, 0, 1], probs, 2)).toBeCloseTo(expected, 12)
    expect(logLoss([1, 0, 0, 1], probs, 2)).toBeCloseTo(0.21616, 5)
    // A zero probability on the true class costs −log(2^-52) = 52·ln 2.
    expect(logLoss([0], [0, 1], 2)).toBeCloseTo(52 * Math.LN2, 10)
    expect(logLoss([0], [1, 0], 2)).toBeCloseTo(2 ** -52, 20)
  })
})
