import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Column, Dataset, NumericColumn } from '../../runtime/values/dataset'
import type { BoundaryGrid, Series } from '../../runtime/values/figure'
import type { TrainedModel } from '../../runtime/values/ml'
import { conformToModel } from '../predict/lineage'
import { predictMatrix } from '../../ml/families/predict'
import { getColumn, targetColumn } from '../../ml/table/table'
import { displayRows, figure, sampleNote } from './display'
import { plotTable, SPLIT_CHOICES } from './plot-table'

/** The trained model on the input, checked to be a 2-feature classifier or clusterer. */
function requireTwoFeatureModel(v: unknown): TrainedModel {
  const m = v as TrainedModel | undefined
  if (!m || m.kind !== 'model') throw new Error('Input "model" needs a trained model; connect a Train node.')
  if (m.task !== 'classification' && m.task !== 'clustering') {
    throw new Error(`A decision boundary separates classes or clusters, but this model's task is ${m.task}; use a classifier or a clustering model.`)
  }
  if (m.features.length !== 2) {
    throw new Error(
      `A decision boundary needs a model trained on exactly 2 numeric features, but this model reads ${m.features.length} ` +
        `(${m.features.join(', ')}). Select two feature columns before training, or train on a 2-component PCA projection.`,
    )
  }
  return m
}

function numericAxis(d: Dataset, name: string): NumericColumn {
  const c = getColumn(d, name)
  if (c.type !== 'numeric') throw new Error(`Feature "${name}" is categorical in this table; the model needs it numeric.`)
  return c
}

/** `n` evenly spaced cell centres covering [lo, hi] widened by 10% on each side. */
function gridAxis(values: Float64Array, n: number): number[] {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (Number.isNaN(v)) continue
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  if (lo === Infinity) throw new Error('A feature column has only missing values; impute them first.')
  const pad = hi > lo ? (hi - lo) * 0.1 : 1
  const [a, b] = [lo - pad, hi + pad]
  return Array.from({ length: n }, (_, i) => a + ((i + 0.5) * (b - a)) / n)
}

/** Class index of each row in the model's class list, from the table's target (by name), or -1. */
function modelClassOf(target: Column | undefined, classes: string[]): ((row: number) => number) | undefined {
  if (!target) return undefined
  const index = new Map(classes.map((c, i) => [c, i]))
  if (target.type === 'categorical') return (r) => (target.codes[r] < 0 ? -1 : (index.get(target.categories[target.codes[r]]) ?? -1))
  return (r) => index.get(String(target.values[r])) ?? -1
}

/** Predicted class over a grid spanning two features, with the data points on top. */
export const decisionBoundaryFigureNode = defineNode({
  type: 'figure.decision-boundary',
  version: 2,
  migrate: paramsUnchanged,
  category: 'figure',
  tensors: true,
  title: 'Decision boundary',
  description:
    'Colours the plane of a model\'s two features by the class (or cluster) it predicts at each point of a grid, and draws ' +
    'the rows of the table on top, coloured by their true class (or predicted cluster). Needs a model trained on exactly 2 ' +
    'numeric features. Raw rows are first put through the preprocessing the model was trained after, so the axes are in ' +
    'the units the model sees. The grid spans the data range plus 10% on each side; at most 5000 points are drawn.',
  inputs: {
    model: { types: ['model'] },
    data: { types: ['dataset', 'splits'], description: 'Rows to draw: the training table, or raw rows with the same columns.' },
  },
  outputs: { figure: { types: ['figure'] } },
  params: () => ({
    resolution: p.int({ default: 100, min: 10, max: 300, title: 'Grid size', description: 'Cells along each axis.' }),
    split: p.select(SPLIT_CHOICES, { default: 'all', title: 'Split', description: 'Which rows to draw when fed splits.' }),
  }),
  run({ model, data }, params, ctx) {
    const m = requireTwoFeatureModel(model)
    const given = plotTable(data, params.split).table
    const table = conformToModel(m, given, (message) => ctx.log.warn(message))
    const notes = table !== given ? ['Axes are in the units the model was trained on (after its preprocessing).'] : []
    const [fx, fy] = m.features.map((name) => numericAxis(table, name))
    const xs = gridAxis(fx.values, params.resolution)
    const ys = gridAxis(fy.values, params.resolution)
    const cellsCount = xs.length * ys.length
    const X = new Float64Array(cellsCount * 2)
    ys.forEach((y, iy) => xs.forEach((x, ix) => X.set([x, y], (iy * xs.length + ix) * 2)))
    const grid = predictMatrix(m, X, cellsCount)
    const classes = m.classes ?? distinctClusters(grid.predicted)
    const boundary: BoundaryGrid = { classes, xs, ys, cells: Array.from(grid.predicted) }
    if (grid.probabilities) {
      const k = classes.length
      boundary.confidence = Array.from(grid.predicted, (c, i) => grid.probabilities![i * k + c])
    }

    const rows = displayRows(table.rows).filter((r) => !Number.isNaN(fx.values[r]) && !Number.isNaN(fy.values[r]))
    let classOf = m.task === 'classification' ? modelClassOf(targetColumn(table), classes) : undefined
    if (!classOf) {
      const pts = new Float64Array(rows.length * 2)
      rows.forEach((r, i) => pts.set([fx.values[r], fy.values[r]], i * 2))
      const predicted = predictMatrix(m, pts, rows.length).predicted
      const at = new Map(rows.map((r, i) => [r, predicted[i]]))
      classOf = (r) => at.get(r)!
    }
    const series: Series[] = classes.map((name, k) => ({ name, mode: 'points', x: [], y: [], classIndex: k }))
    const other: Series = { name: 'other', mode: 'points', x: [], y: [] }
    for (const r of rows) {
      const s = series[classOf(r)] ?? other
      s.x.push(fx.values[r])
      s.y.push(fy.values[r])
    }
    return {
      figure: figure({
        chart: 'boundary',
        title: `Decision boundary of ${m.family}`,
        xLabel: fx.name,
        yLabel: fy.name,
        series: [...series, other].filter((s) => s.x.length > 0),
        boundary,
        summary: { chart: 'decision boundary', grid: `${xs.length}×${ys.length}`, points: rows.length },
        notes: [...notes, ...sampleNote(displayRows(table.rows).length, table.rows)],
      }),
    }
  },
})

/** Cluster names for a clusterer: 'cluster 0' … up to the largest id seen on the grid. */
function distinctClusters(predicted: Float64Array): string[] {
  const max = predicted.reduce((a, b) => Math.max(a, b), 0)
  return Array.from({ length: max + 1 }, (_, i) => `cluster ${i}`)
}
