import { describe, expect, it } from 'vitest'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import type { Figure } from '../../runtime/values/figure'
import type { Predictions, TrainedModel } from '../../runtime/values/ml'
import { classificationPredictions as classification, params, paramsError, runNode, table } from '../../tests/support/table-testing'
import { normalizeMatrix, confusionMatrixFigureNode } from './confusion-matrix'
import { displayRows } from './display'
import { lossCurveFigureNode } from './loss-curve'
import { residualsFigureNode } from './residuals'
import { rocFigureNode } from './roc'

const fig = async (node: Parameters<typeof runNode>[0], inputs: Record<string, unknown>, given: Record<string, unknown> = {}) =>
  (await runNode(node, inputs, given)).figure as Figure


describe('figure helpers', () => {
  it('keeps every row up to the cap, else evenly spaced rows', () => {
    expect(displayRows(3, 5)).toEqual([0, 1, 2])
    expect(displayRows(10, 4)).toEqual([0, 2, 5, 7])
    expect(displayRows(20_000)).toHaveLength(5000)
  })

  it('normalizes a confusion matrix like sklearn (empty rows stay 0)', () => {
    const cm = [
      [2, 0, 0],
      [1, 0, 1],
      [0, 0, 0],
    ]
    expect(normalizeMatrix(cm, 'true')).toEqual([[1, 0, 0], [0.5, 0, 0.5], [0, 0, 0]])
    expect(normalizeMatrix(cm, 'pred')).toEqual([[2 / 3, 0, 0], [1 / 3, 0, 1], [0, 0, 0]])
    expect(normalizeMatrix(cm, 'all')).toEqual([[0.5, 0, 0], [0.25, 0, 0.25], [0, 0, 0]])
  })
})

describe('figure.roc', () => {
  const pred = classification([0, 0, 1, 1], [0, 0, 0, 1], ['a', 'b'], [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8])

  it('draws the positive class curve with its AUC in the legend, and the chance line', async () => {
    const f = await fig(rocFigureNode, { predictions: pred })
    expect(f.chart).toBe('line')
    expect(f.series[0]).toMatchObject({ name: 'b (AUC 0.75)', x: [0, 0, 0.5, 0.5, 1], y: [0, 0.5, 0.5, 1, 1] })
    expect(f.series[1]).toMatchObject({ name: 'chance', reference: true })
    expect(f.summary).toEqual({ chart: 'roc', auc: 0.75 })
    const fa = await fig(rocFigureNode, { predictions: pred }, { positiveClass: 'a' })
    expect(fa.series[0].name).toBe('a (AUC 0.75)')
  })

  it('draws one curve per class for three classes and survives the codec', async () => {
    const probs = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1]
    const f = await fig(rocFigureNode, { predictions: classification([0, 1, 2, 0], [0, 1, 2, 0], ['x', 'y', 'z'], probs) })
    expect(f.series.map((s) => s.name)).toEqual(['x (AUC 1)', 'y (AUC 1)', 'z (AUC 1)', 'chance'])
    expect(await decodeValue(await encodeValue(f))).toEqual(f)
  })

  it('explains why there is no curve', async () => {
    await expect(fig(rocFigureNode, { predictions: { ...pred, probabilities: undefined } })).rejects.toThrow(/no class probabilities/)
    const one = classification([1, 1], [1, 1], ['a', 'b'], [0.2, 0.8, 0.4, 0.6])
    await expect(fig(rocFigureNode, { predictions: one })).rejects.toThrow(/only one class/)
  })
})

describe('figure.confusion-matrix', () => {
  it('puts true classes on rows and can normalize by true class', async () => {
    const pred = classification([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['x', 'y', 'z'])
    const f = await fig(confusionMatrixFigureNode, { predictions: pred })
    expect(f.heatmap).toEqual({ rowLabels: ['x', 'y', 'z'], colLabels: ['x', 'y', 'z'], values: [[2, 0, 0], [1, 0, 1], [0, 2, 0]] })
    expect(f.summary.accuracy).toBe(0.3333)
    const n = await fig(confusionMatrixFigureNode, { predictions: pred }, { normalize: 'true' })
    expect(n.heatmap!.values[1]).toEqual([0.5, 0, 0.5])
    expect(n.heatmap!.normalized).toBe(true)
    expect(paramsError(confusionMatrixFigureNode, { normalize: 'rows' })).toMatch(/^normalize: /)
  })
})

describe('figure.residuals', () => {
  it('plots true − predicted against predicted with a zero line', async () => {
    const pred: Predictions = {
      kind: 'predictions',
      task: 'regression',
      rows: 3,
      actual: Float64Array.from([1, 2, 4]),
      predicted: Float64Array.from([1.5, 2, 3]),
    }
    const f = await fig(residualsFigureNode, { predictions: pred })
    expect(f.series[0]).toMatchObject({ x: [1.5, 2, 3], y: [-0.5, 0, 1] })
    expect(f.series[1]).toMatchObject({ x: [1.5, 3], y: [0, 0], reference: true })
    expect(f.summary).toEqual({ chart: 'residuals', points: 3, mae: 0.5 })
    await expect(fig(residualsFigureNode, { predictions: { ...pred, task: 'classification' } })).rejects.toThrow(
      /classification predictions, but this node needs regression/,
    )
  })
})

describe('figure.loss-curve', () => {
  const model = (history?: TrainedModel['history'], task: TrainedModel['task'] = 'classification'): TrainedModel => ({
    kind: 'model',
    family: 'mlp',
    task,
    features: ['x'],
    steps: [],
    state: {},
    history,
  })
  const history = [
    { epoch: 1, loss: 0.9, valLoss: 1.0, metric: 0.5, valMetric: 0.4 },
    { epoch: 2, loss: 0.5, valLoss: 0.7, metric: 0.8, valMetric: 0.7 },
  ]

  it('draws train and validation loss per epoch', async () => {
    expect(params(lossCurveFigureNode)).toEqual({ show: 'loss' })
    const f = await fig(lossCurveFigureNode, { model: model(history) })
    expect(f.series).toEqual([
      { name: 'train loss', mode: 'line', x: [1, 2], y: [0.9, 0.5] },
      { name: 'validation loss', mode: 'line', x: [1, 2], y: [1.0, 0.7] },
    ])
    expect(f.summary).toEqual({ chart: 'loss curve', epochs: 2, finalLoss: 0.5, finalValLoss: 0.7 })
  })

  it('draws the recorded metric, named for the task, and no validation line without one', async () => {
    const f = await fig(lossCurveFigureNode, { model: model([{ epoch: 1, loss: 2, metric: 0.3 }], 'regression') }, { show: 'metric' })
    expect(f.yLabel).toBe('R²')
    expect(f.series).toHaveLength(1)
    expect(f.series[0].y).toEqual([0.3])
  })

  it('shows an exact solver\'s objective per iteration, or one point with a note for a direct solve', async () => {
    const lbfgs = { ...model([{ epoch: 0, loss: 0.69 }, { epoch: 1, loss: 0.4 }, { epoch: 2, loss: 0.3 }]), summary: { solver: 'L-BFGS' } }
    const f = await fig(lossCurveFigureNode, { model: lbfgs })
    expect(f.title).toBe('Loss per L-BFGS iteration')
    expect(f.xLabel).toBe('Solver iteration')
    expect(f.series).toEqual([{ name: 'train loss', mode: 'line', x: [0, 1, 2], y: [0.69, 0.4, 0.3] }])
    expect(f.summary).toEqual({ chart: 'loss curve', iterations: 3, finalLoss: 0.3, solver: 'L-BFGS' })
    const qr = { ...model([{ epoch: 0, loss: 2900, metric: 0.52 }], 'regression'), summary: { solver: 'least squares (QR)' } }
    const g = await fig(lossCurveFigureNode, { model: qr })
    expect(g.series).toEqual([{ name: 'train loss', mode: 'points', x: [0], y: [2900] }])
    expect(g.notes).toEqual(['Solved exactly (least squares (QR)): no epochs; the point is the training objective at the solution.'])
  })

  it('explains that classical models have no history', async () => {
    await expect(fig(lossCurveFigureNode, { model: { ...model(undefined), family: 'random-forest' } })).rejects.toThrow(
      /random-forest model has no training history/,
    )
    await expect(fig(lossCurveFigureNode, { model: table({ x: [1] }) })).rejects.toThrow(/connect a Train node/)
  })
})
