import type { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../runtime/exec/rng'
import { fitContext } from '../../tests/support/fit-context'
import type { AnyFamily } from './family'
import { getFamily } from './index'
import type { TrainingTable } from './training-table'

const config = (f: AnyFamily, given: Record<string, unknown>) => {
  const defaults = Object.fromEntries(Object.entries(f.config as Record<string, z.ZodType>).map(([k, s]) => [k, s.parse(undefined)]))
  return { ...defaults, ...given }
}

const tables = new Map<string, TrainingTable>()

type Task = 'classification' | 'regression' | 'clustering'

/** rows × 20 uniform features and a noisy target (none to cluster): hard enough that every exact solver runs for seconds. */
function noisyTable(rows: number, task: Task): TrainingTable {
  const key = `${rows} ${task}`
  const known = tables.get(key)
  if (known) return known
  const cols = 20
  const r = seededRandom(3)
  const values = new Float64Array(rows * cols)
  for (let i = 0; i < values.length; i++) values[i] = 2 * r() - 1
  const y = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    const signal = values[i * cols] - values[i * cols + 1] + (r() - 0.5) * 4
    y[i] = task === 'classification' ? Number(signal > 0) : signal
  }
  const names = Array.from({ length: cols }, (_, j) => `x${j}`)
  const X = { names, values, rows, cols }
  const t: TrainingTable = task === 'clustering' ? { X, task } : { X, y, task, target: 'y', ...(task === 'classification' ? { classes: ['a', 'b'] } : {}) }
  tables.set(key, t)
  return t
}

// Each one ran for 1–18 s without looking at the signal (lasso, elastic net, L-BFGS, liblinear, CART, a forest's tree, libsvm, ml-hclust).
const CASES: [string, Task, number, Record<string, unknown>][] = [
  ['lasso', 'regression', 200_000, { alpha: 1e-6, tol: 1e-12 }],
  ['elastic-net', 'regression', 200_000, { alpha: 1e-6, tol: 1e-12 }],
  ['logistic-regression', 'classification', 200_000, { C: 1e6 }],
  ['linear-svm', 'classification', 100_000, { C: 10 }],
  ['linear-svr', 'regression', 100_000, { C: 10 }],
  ['decision-tree', 'regression', 200_000, {}],
  // One tree on every row: a cancel lands inside the tree, not only between trees.
  ['random-forest', 'regression', 200_000, { nEstimators: 1, bootstrap: false }],
  // libsvm in wasm (ml/svm/libsvm): seconds on 20 000 rows, one call into wasm before it could pause.
  ['svm', 'classification', 20_000, {}],
  ['svr', 'regression', 20_000, {}],
  // At most 5000 rows: 12.5 M distances, then 4999 merges.
  ['hclust', 'clustering', 5000, {}],
]

describe('exact fits honour the abort signal', () => {
  it.each(CASES)('%s: aborted at 100 ms, rejects within 250 ms', async (id, task, rows, given) => {
    const f = getFamily(id)
    const t = noisyTable(rows, task)
    const controller = new AbortController()
    let aborted = 0
    setTimeout(() => ((aborted = performance.now()), controller.abort()), 100)
    // No loss or optimizer in the context: the exact solver, not gradient descent.
    await expect(f.fit(t, config(f, given), fitContext({ signal: controller.signal }))).rejects.toThrow('Training was cancelled.')
    expect(aborted).toBeGreaterThan(0)
    expect(performance.now() - aborted).toBeLessThan(250)
  })
})

describe('a cancel lands inside a fit, not only between its parts', () => {
  // Before, the forest looked at the signal between trees only: its last tree ran to the end and the fit returned.
  it('random forest: a cancel while its only tree grows stops the fit', async () => {
    const f = getFamily('random-forest')
    const controller = new AbortController()
    const ctx = { ...fitContext({ signal: controller.signal }), progress: () => controller.abort() }
    await expect(f.fit(noisyTable(2000, 'regression'), config(f, { nEstimators: 1 }), ctx)).rejects.toThrow('Training was cancelled.')
    // The same fit without the cancel ends with its tree.
    const fitted = await f.fit(noisyTable(2000, 'regression'), config(f, { nEstimators: 1 }), fitContext())
    expect(fitted.summary.trees).toBe(1)
  })

  it('hierarchical clustering: a cancel while clusters merge stops the fit', async () => {
    const f = getFamily('hclust')
    const controller = new AbortController()
    const ctx = { ...fitContext({ signal: controller.signal }), progress: () => controller.abort() }
    await expect(f.fit(noisyTable(300, 'clustering'), config(f, {}), ctx)).rejects.toThrow('Training was cancelled.')
    const fitted = await f.fit(noisyTable(300, 'clustering'), config(f, {}), fitContext())
    expect(fitted.summary.clusters).toBe(3)
  })
})
