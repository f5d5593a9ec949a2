import { describe, expect, it } from 'vitest'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import type { Metrics } from '../../runtime/values/ml'
import { classificationPredictions as predictions, params, paramsError, testContext } from '../../tests/support/table-testing'
import { classificationMetricsNode as node } from './classification'

async function score(pred: unknown, given: Record<string, unknown> = {}) {
  const { ctx, warnings } = testContext()
  const out = await node.run({ predictions: pred }, params(node, given), ctx)
  return { metrics: out.metrics as Metrics, warnings }
}

describe('metric.classification', () => {
  it('has valid defaults and rejects unknown averaging', () => {
    expect(params(node)).toEqual({ average: 'auto', positiveClass: '' })
    expect(paramsError(node, { average: 'samples' })).toMatch(/^average: /)
  })

  it('scores a binary classifier with ROC AUC and log loss, positive = second class', async () => {
    // ROC docstring example: scores of class "b" are [0.1, 0.4, 0.35, 0.8] → AUC 0.75.
    const pred = predictions([0, 0, 1, 1], [0, 0, 0, 1], ['a', 'b'], [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8])
    const { metrics } = await score(pred)
    expect(metrics.scalars.accuracy).toBe(0.75)
    expect(metrics.scalars.precision).toBe(1)
    expect(metrics.scalars.recall).toBe(0.5)
    expect(metrics.scalars.f1).toBeCloseTo(2 / 3, 12)
    expect(metrics.scalars.rocAuc).toBe(0.75)
    const ll = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4
    expect(metrics.scalars.logLoss).toBeCloseTo(ll, 12)
    expect(metrics.curves!.roc.x).toEqual([0, 0, 0.5, 0.5, 1])
    expect(metrics.matrices!.confusion).toEqual({ rowLabels: ['a', 'b'], colLabels: ['a', 'b'], values: [[2, 0], [1, 1]] })
    expect(await decodeValue(await encodeValue(metrics))).toEqual(metrics)
    // Positive class "a": precision 2/3, recall 1.
    const asA = (await score(pred, { positiveClass: 'a' })).metrics.scalars
    expect(asA.precision).toBeCloseTo(2 / 3, 12)
    expect(asA.recall).toBe(1)
    expect(asA.rocAuc).toBe(0.75)
  })

  it('ranks by decision scores when there are no probabilities (linear SVM): ROC AUC, no log loss', async () => {
    // sklearn: roc_auc_score([0, 0, 1, 1], [-2.2, 0.4, -0.35, 1.6]) = 0.75, the same ranking as the docstring example.
    const pred = { ...predictions([0, 0, 1, 1], [0, 1, 0, 1], ['a', 'b']), scores: Float64Array.from([2.2, -2.2, -0.4, 0.4, 0.35, -0.35, -1.6, 1.6]) }
    const { metrics } = await score(pred)
    expect(metrics.scalars.rocAuc).toBe(0.75)
    expect(metrics.scalars.logLoss).toBeUndefined()
    expect(metrics.curves!.roc.x).toEqual([0, 0, 0.5, 0.5, 1])
  })

  it('averages macro by default for three classes and gives per-class rows', async () => {
    const pred = predictions([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['x', 'y', 'z'])
    const { metrics } = await score(pred)
    expect(metrics.scalars).toEqual({ accuracy: 1 / 3, precision: 2 / 9, recall: 1 / 3, f1: expect.closeTo(0.8 / 3, 12) })
    expect(metrics.matrices!.perClass.values[0]).toEqual([2 / 3, 1, expect.closeTo(0.8, 12), 2])
    const micro = (await score(pred, { average: 'micro' })).metrics.scalars
    expect(micro.f1).toBeCloseTo(1 / 3, 12)
  })

  it('computes one-vs-rest macro AUC for three classes, and leaves it out when a class has no true rows', async () => {
    const probs = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1]
    const { metrics } = await score(predictions([0, 1, 2, 0], [0, 1, 2, 0], ['x', 'y', 'z'], probs))
    expect(metrics.scalars.rocAuc).toBe(1)
    expect(Object.keys(metrics.curves!)).toEqual(['roc:x', 'roc:y', 'roc:z'])
    const missing = await score(predictions([0, 1, 1, 0], [0, 1, 2, 0], ['x', 'y', 'z'], probs))
    expect(missing.metrics.scalars.rocAuc).toBeUndefined()
    expect(missing.warnings[0]).toMatch(/class z has no true rows/)
    expect(missing.metrics.scalars.logLoss).toBeGreaterThan(0)
  })

  it('scores a class that is never predicted as 0 and perfect predictions as 1', async () => {
    const never = (await score(predictions([0, 1, 2, 0, 1, 2], [0, 0, 0, 0, 0, 0], ['x', 'y', 'z']))).metrics.scalars
    expect(never.precision).toBeCloseTo(1 / 9, 12)
    const perfect = (await score(predictions([0, 1, 2], [0, 1, 2], ['x', 'y', 'z'], [1, 0, 0, 0, 1, 0, 0, 0, 1]))).metrics.scalars
    expect(perfect).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, rocAuc: 1 })
    expect(perfect.logLoss).toBeCloseTo(2 ** -52, 20)
  })

  it('handles a single class present: scores defined, AUC left out with a warning', async () => {
    const { metrics, warnings } = await score(predictions([1, 1, 1], [1, 1, 1], ['no', 'yes'], [0.2, 0.8, 0.1, 0.9, 0.3, 0.7]))
    expect(metrics.scalars).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1 })
    expect(metrics.scalars.rocAuc).toBeUndefined()
    expect(warnings).toHaveLength(1)
  })

  it('explains bad inputs and params in plain sentences', async () => {
    const three = predictions([0, 1, 2], [0, 1, 2], ['x', 'y', 'z'])
    await expect(score(three, { average: 'binary' })).rejects.toThrow(/exactly two classes, but there are 3 \(x, y, z\)/)
    await expect(score(three, { positiveClass: 'w' })).rejects.toThrow(/Positive class "w" is not one of the classes: x, y, z/)
    await expect(score({ ...three, actual: undefined })).rejects.toThrow(/no true values/)
    await expect(score({ ...three, task: 'regression' })).rejects.toThrow(/regression predictions.*set Task = classification on the model node.*use Regression metrics instead/)
    await expect(score({ kind: 'dataset' })).rejects.toThrow(/connect a Predict node/)
    await expect(score(predictions([0, 1, 3], [0, 1, 2], ['x', 'y', 'z']))).rejects.toThrow(/class indices 0…2/)
    await expect(score(predictions([0, -1, 2], [0, 1, 2], ['x', 'y', 'z']))).rejects.toThrow(/true class the model never saw/)
    await expect(score(predictions([0, 1], [0, 1], ['x', 'y'], [NaN, 1, 0, 1]))).rejects.toThrow(/NaN/)
  })
})
