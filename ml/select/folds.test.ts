// Fixture: /usr/bin/python3 with sklearn.model_selection.KFold(k) / StratifiedKFold(k), shuffle off, test indices per fold.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../runtime/values/random'
import { makeFolds, sparseClasses } from './folds'
import { sklearnFolds } from './sklearn-folds.fixture'

describe('makeFolds', () => {
  it('gives scikit-learn\'s KFold and StratifiedKFold rows when unshuffled', () => {
    for (const c of sklearnFolds) {
      const labels = c.kind === 'stratified' ? Int32Array.from(c.labels) : undefined
      const n = c.kind === 'stratified' ? c.labels.length : c.n
      const folds = makeFolds(n, { k: c.k, labels, shuffle: false, repeats: 1 }, seededRandom(0))
      expect(folds.map((f) => f.test)).toEqual(c.tests)
    }
  })

  it('partitions the rows: every row is tested exactly once per repeat, never trained on in its own fold', () => {
    const labels = Int32Array.from({ length: 103 }, (_, i) => (i * 7) % 3)
    const folds = makeFolds(103, { k: 5, labels, shuffle: true, repeats: 3 }, seededRandom(4))
    expect(folds).toHaveLength(15)
    for (let r = 0; r < 3; r++) {
      const tested = folds.filter((f) => f.repeat === r).flatMap((f) => f.test).sort((a, b) => a - b)
      expect(tested).toEqual([...Array(103).keys()])
    }
    for (const f of folds) {
      const test = new Set(f.test)
      expect(f.train.some((i) => test.has(i))).toBe(false)
      expect(f.train.length + f.test.length).toBe(103)
      // Each class's share of the test rows stays within one row of its share overall.
      for (const c of [0, 1, 2]) {
        const inTest = f.test.filter((i) => labels[i] === c).length
        const share = (labels.filter((l) => l === c).length * f.test.length) / 103
        expect(Math.abs(inTest - share)).toBeLessThanOrEqual(1)
      }
    }
  })

  it('keeps earlier repeats when repeats are added, and changes with the seed', () => {
    const two = makeFolds(40, { k: 4, shuffle: true, repeats: 2 }, seededRandom(1))
    const three = makeFolds(40, { k: 4, shuffle: true, repeats: 3 }, seededRandom(1))
    expect(three.slice(0, 8)).toEqual(two)
    const other = makeFolds(40, { k: 4, shuffle: true, repeats: 2 }, seededRandom(2))
    expect(other[0].test).not.toEqual(two[0].test)
  })

  it('refuses impossible schemes with the reason', () => {
    expect(() => makeFolds(3, { k: 5, shuffle: false, repeats: 1 }, seededRandom(0))).toThrow('5 folds need at least 5 rows; the table has 3.')
    expect(() => makeFolds(10, { k: 1, shuffle: false, repeats: 1 }, seededRandom(0))).toThrow('at least 2 folds')
    expect(() => makeFolds(10, { k: 2, shuffle: false, repeats: 2 }, seededRandom(0))).toThrow('need shuffling')
    const labels = Int32Array.from([0, 1, 2, 3, 4, 5])
    expect(() => makeFolds(6, { k: 3, labels, shuffle: false, repeats: 1 }, seededRandom(0))).toThrow('a class with at least 3 rows')
    expect(sparseClasses(Int32Array.from([0, 0, 0, 1, 2, 2]), 3)).toBe(2)
  })
})
