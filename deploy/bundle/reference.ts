import type { Column, Dataset } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { binShares, categoryShares, quantileEdges } from '../../ml/drift/psi'
import { scoreTable } from '../scorer/score'
import type { ReferenceDistribution } from './manifest'

/** Order statistics kept per numeric column: enough for a KS test against a batch, small in the bundle. */
const SAMPLE = 2000

/** Evenly spaced order statistics of the non-missing values (all of them when there are few). */
export function quantileSample(values: ArrayLike<number>, size = SAMPLE): number[] {
  const v = Float64Array.from(values).filter((x) => !Number.isNaN(x)).sort()
  if (v.length <= size) return Array.from(v)
  return Array.from({ length: size }, (_, i) => v[Math.round((i * (v.length - 1)) / (size - 1))])
}

/** The training distribution of one column: deciles + shares + a KS sample, or category shares. */
export function numericReference(name: string, values: ArrayLike<number>): ReferenceDistribution {
  const edges = quantileEdges(values)
  return { name, type: 'numeric', edges, shares: Array.from(binShares(values, edges)), sample: quantileSample(values) }
}

function columnReference(c: Column): ReferenceDistribution {
  if (c.type === 'numeric') return numericReference(c.name, c.values)
  return { name: c.name, type: 'categorical', categories: [...c.categories], shares: Array.from(categoryShares(c.codes, c.categories.length)) }
}

/** Distributions of the raw training columns the bundle reads, and of the model's predictions on them. */
export function referenceOf(model: TrainedModel, raw: Dataset, inputNames: readonly string[]) {
  const wanted = new Set(inputNames)
  const columns = raw.columns.filter((c) => wanted.has(c.name)).map(columnReference)
  const out = scoreTable(model, raw)
  const classes = model.task === 'classification' ? model.classes : undefined
  const predictions: ReferenceDistribution = classes
    ? { name: 'prediction', type: 'categorical', categories: classes, shares: Array.from(categoryShares(out.predicted, classes.length)) }
    : numericReference('prediction', out.predicted)
  return { rows: raw.rows, columns, predictions }
}
