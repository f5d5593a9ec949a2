import { shuffleInPlace, type Uniform } from '../table/random'

/** One fold: the rows a pipeline fits on and the rows it is scored on (row indices, ascending). */
export interface Fold {
  train: number[]
  test: number[]
  /** 0-based repeat and fold numbers. */
  repeat: number
  index: number
}

export interface FoldScheme {
  k: number
  /** Class label per row (stratified folds), or undefined for plain k-fold. */
  labels?: Int32Array
  shuffle: boolean
  repeats: number
}

/**
 * k-fold splits of `n` rows, as scikit-learn's KFold / StratifiedKFold (RepeatedKFold when
 * `repeats` > 1): unshuffled folds give the same rows as scikit-learn; shuffled ones draw from
 * `random`, one repeat after another, so adding repeats keeps the earlier repeats' folds.
 */
export function makeFolds(n: number, scheme: FoldScheme, random: Uniform): Fold[] {
  if (!Number.isInteger(scheme.k) || scheme.k < 2) throw new Error(`Cross-validation needs at least 2 folds (got ${scheme.k}).`)
  if (scheme.k > n) throw new Error(`${scheme.k} folds need at least ${scheme.k} rows; the table has ${n}.`)
  if (scheme.repeats > 1 && !scheme.shuffle) throw new Error('Repeated folds need shuffling: unshuffled repeats would all be the same.')
  const folds: Fold[] = []
  for (let repeat = 0; repeat < scheme.repeats; repeat++) {
    const testFold = scheme.labels ? stratifiedAssignment(scheme.labels, scheme.k, scheme.shuffle, random) : plainAssignment(n, scheme.k, scheme.shuffle, random)
    for (let index = 0; index < scheme.k; index++) {
      const fold: Fold = { train: [], test: [], repeat, index }
      for (let i = 0; i < n; i++) (testFold[i] === index ? fold.test : fold.train).push(i)
      folds.push(fold)
    }
  }
  return folds
}

/** KFold: the (shuffled) rows cut into k consecutive blocks, the first n % k one row larger. */
function plainAssignment(n: number, k: number, shuffle: boolean, random: Uniform): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i)
  if (shuffle) shuffleInPlace(order, random)
  const testFold = new Int32Array(n)
  let start = 0
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0)
    for (let i = start; i < start + size; i++) testFold[order[i]] = f
    start += size
  }
  return testFold
}

/**
 * StratifiedKFold (scikit-learn 1.2): classes numbered by first appearance, the sorted labels
 * dealt round-robin to folds to size each class's share per fold, then each class's rows take
 * their folds in row order (shuffled per class when shuffling).
 */
function stratifiedAssignment(labels: Int32Array, k: number, shuffle: boolean, random: Uniform): Int32Array {
  const code = new Map<number, number>()
  const encoded = Int32Array.from(labels, (l) => {
    let c = code.get(l)
    if (c === undefined) code.set(l, (c = code.size))
    return c
  })
  const counts = new Array<number>(code.size).fill(0)
  for (const c of encoded) counts[c]++
  if (counts.every((c) => c < k)) throw new Error(`${k} stratified folds need a class with at least ${k} rows; the largest has ${Math.max(...counts)}.`)
  // allocation[f][c]: how many rows of class c fold f tests (bincount of y_order[f::k]).
  const allocation = Array.from({ length: k }, () => new Array<number>(code.size).fill(0))
  let i = 0
  counts.forEach((count, c) => {
    for (let j = 0; j < count; j++, i++) allocation[i % k][c]++
  })
  const testFold = new Int32Array(labels.length)
  for (let c = 0; c < code.size; c++) {
    const folds: number[] = []
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) folds.push(f)
    if (shuffle) shuffleInPlace(folds, random)
    let next = 0
    for (let r = 0; r < labels.length; r++) if (encoded[r] === c) testFold[r] = folds[next++]
  }
  return testFold
}

/** Classes with fewer rows than folds: scikit-learn warns that some folds miss them. */
export function sparseClasses(labels: Int32Array, k: number): number {
  const counts = new Map<number, number>()
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1)
  let n = 0
  for (const c of counts.values()) if (c < k) n++
  return n
}
