import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isDataset, type Column, type Splits } from '../../runtime/values/dataset'
import { summarizeValue } from '../../runtime/values/summary'
import { subsetRows, targetColumn } from '../../ml/table/table'
import { shuffleInPlace, type Uniform } from '../../ml/table/random'
import { seededRandom } from '../../runtime/exec/rng'
import { inferTask } from '../../ml/table/task'

/**
 * Shares `total` between groups in proportion to `sizes` (largest remainder, ties to the larger
 * group), never giving a group more than `caps[k]`.
 */
export function allocate(total: number, sizes: number[], caps: number[]): number[] {
  const n = sizes.reduce((a, b) => a + b, 0)
  const exact = sizes.map((s) => (s * total) / n)
  const out = exact.map((e, k) => Math.min(caps[k], Math.floor(e)))
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = sizes.map((_, k) => k).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || sizes[b] - sizes[a] || a - b)
  while (left > 0) {
    const before = left
    for (const k of order) if (left > 0 && out[k] < caps[k]) out[k]++, left--
    if (left === before) break
  }
  return out
}

interface Parts {
  train: number[]
  validation: number[]
  test: number[]
}

/**
 * Row indices of each part. Unshuffled: training rows first, then validation, then test, in
 * file order. Shuffled: each group of equal `labels` (one group when not stratifying) keeps its
 * share in every part, as StratifiedShuffleSplit.
 */
export function splitIndices(labels: Int32Array, nVal: number, nTest: number, shuffle: boolean, random: Uniform): Parts {
  const n = labels.length
  if (!shuffle) {
    const order = [...Array(n).keys()]
    return { train: order.slice(0, n - nVal - nTest), validation: order.slice(n - nVal - nTest, n - nTest), test: order.slice(n - nTest) }
  }
  const groups = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const g = groups.get(labels[i])
    if (g) g.push(i)
    else groups.set(labels[i], [i])
  }
  const members = [...groups.keys()].sort((a, b) => a - b).map((k) => shuffleInPlace(groups.get(k)!, random))
  const sizes = members.map((m) => m.length)
  const tests = allocate(nTest, sizes, sizes)
  const vals = allocate(nVal, sizes, sizes.map((s, k) => s - tests[k]))
  const parts: Parts = { train: [], validation: [], test: [] }
  // A loop, not push(...slice): spreading 500 000 indices overflows the call stack.
  members.forEach((m, k) => {
    for (let i = 0; i < m.length; i++) (i < tests[k] ? parts.test : i < tests[k] + vals[k] ? parts.validation : parts.train).push(m[i])
  })
  for (const part of Object.values(parts)) shuffleInPlace(part, random)
  return parts
}

/**
 * One group per class of a target that is a class label under Task = auto (categorical, or a
 * numeric target of few integers, see `inferTask`); undefined when there is nothing to stratify
 * by (no target, or a regression target). Missing labels form a group of their own.
 */
export function classLabels(target: Column | undefined): Int32Array | undefined {
  if (!target || inferTask(target).task !== 'classification') return undefined
  if (target.type === 'categorical') return target.codes
  const index = new Map<number, number>()
  return Int32Array.from(target.values, (v) => {
    if (Number.isNaN(v)) return -1
    let k = index.get(v)
    if (k === undefined) index.set(v, (k = index.size))
    return k
  })
}

function sizes(n: number, validation: number, test: number) {
  if (validation + test >= 1) throw new Error(`Validation (${validation}) plus test (${test}) must leave some rows for training (sum below 1).`)
  // Like train_test_split: held-out sizes round up, training gets the rest.
  const nTest = Math.ceil(test * n)
  const nVal = Math.ceil(validation * n)
  if (n - nTest - nVal < 1) throw new Error(`${n} rows are too few to split ${validation} / ${test}; lower the ratios or use more data.`)
  return { nVal, nTest }
}

/** Train / validation / test split. */
export const splitNode = defineNode({
  type: 'transform.split',
  version: 2,
  migrate: paramsUnchanged,
  category: 'transform',
  title: 'Train / test split',
  description:
    'Splits a table into training, validation and test rows on one wire. Held-out sizes round up (as scikit-learn train_test_split) and ' +
    'training gets the rest. Shuffling uses the seed; stratifying keeps each class\'s share in every part when the target is a class label: categorical, or numeric with few integer values ' +
    '(at most 20, as Task = auto reads it); a regression target is not stratified. Transforms after this node fit on the training rows only.',
  inputs: { data: port.dataset() },
  outputs: { data: port.splits() },
  params: () => ({
    test: p.number({ default: 0.2, min: 0, max: 0.95, step: 0.05, title: 'Test share' }),
    validation: p.number({ default: 0, min: 0, max: 0.95, step: 0.05, title: 'Validation share', description: 'Used by training for early stopping.' }),
    shuffle: p.bool({ default: true, title: 'Shuffle' }),
    stratify: p.bool({ default: true, title: 'Stratify by target' }),
    seed: p.int({ default: 0, min: 0, max: 2 ** 31 - 1, title: 'Seed' }),
  }),
  check: (params) => {
    const out: string[] = []
    if (params.validation + params.test >= 1) out.push('Validation plus test share must be below 1, leaving rows for training.')
    if (params.stratify && !params.shuffle && (params.validation > 0 || params.test > 0)) out.push('Stratify needs shuffle: turn shuffle on or stratify off.')
    return out
  },
  run({ data }, params) {
    const random = seededRandom(params.seed)
    if (!isDataset(data)) throw new Error('Train / test split takes one table; it is already split.')
    const { nVal, nTest } = sizes(data.rows, params.validation, params.test)
    const labels = params.stratify ? classLabels(targetColumn(data)) : undefined
    if (labels && !params.shuffle) throw new Error('Stratify needs shuffle: turn shuffle on or stratify off.')
    const parts = splitIndices(labels ?? new Int32Array(data.rows), nVal, nTest, params.shuffle, random)
    const out: Splits = { kind: 'splits', train: subsetRows(data, parts.train) }
    if (params.validation > 0) out.validation = subsetRows(data, parts.validation)
    if (params.test > 0) out.test = subsetRows(data, parts.test)
    return { data: out }
  },
  summarize(outputs, params) {
    const s = outputs.data as Splits
    const t = targetColumn(s.train)
    return { ...summarizeValue(s), stratified: params.stratify && params.shuffle && t !== undefined && inferTask(t).task === 'classification' }
  },
})
