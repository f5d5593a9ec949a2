import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadSet, type SetName } from '../../tests/fixtures/sklearn/load'
import { runToEnd } from '../stepwise'
import { hclustSteps, type Linkage } from './hclust'

/** scikit-learn's AgglomerativeClustering labels (tests/fixtures/sklearn/make_agglomerative.py). */
const fixture = JSON.parse(readFileSync(new URL('../../tests/fixtures/sklearn/agglomerative.json', import.meta.url), 'utf8'))

/** Clusters numbered by their first row, as ours are: scikit-learn numbers them its own way. */
const byFirstRow = (labels: ArrayLike<number>) => {
  const seen = new Map<number, number>()
  return Array.from(labels, (v) => (seen.has(v) ? seen.get(v)! : (seen.set(v, seen.size), seen.size - 1)))
}

describe('hierarchical clustering against scikit-learn\'s AgglomerativeClustering', () => {
  const sets: SetName[] = ['iris', 'wine', 'breast_cancer', 'diabetes']
  const linkages: Linkage[] = ['ward', 'complete', 'average', 'single']
  it.each(sets)('%s: the same clusters for every linkage and k = 2, 3, 5', (name) => {
    const { X, rows, cols } = loadSet(name)
    for (const linkage of linkages) {
      for (const k of [2, 3, 5]) {
        const ours = runToEnd(hclustSteps(X, rows, cols, k, linkage))
        expect(Array.from(ours.labels), `${linkage}, k = ${k}`).toEqual(byFirstRow(fixture[name][linkage][k]))
      }
    }
  })
})
