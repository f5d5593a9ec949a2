import { describe, expect, it } from 'vitest'
import { adjustedRandIndex, inertia, silhouetteScore } from './clustering'

describe('clustering metrics (scikit-learn definitions)', () => {
  it('computes the silhouette of two 1-D clusters by hand', () => {
    // Rows 0 and 3: a = 1, b = 4.5 → 3.5/4.5; rows 1 and 2: a = 1, b = 3.5 → 2.5/3.5.
    const s = silhouetteScore([0, 1, 4, 5], 4, 1, [0, 0, 1, 1])
    expect(s).toBeCloseTo((3.5 / 4.5 + 2.5 / 3.5) / 2, 12)
  })

  it('scores a row in a singleton cluster as 0', () => {
    // Row 0: a = 1, b = 5 → 0.8; row 1: a = 1, b = 4 → 0.75; row 2 alone → 0.
    expect(silhouetteScore([0, 1, 5], 3, 1, [7, 7, 3])).toBeCloseTo(1.55 / 3, 12)
  })

  it('uses euclidean distance across features', () => {
    // Two clusters of two points each, 3-4-5 triangles: within distance 1, across 5 and √(16+16)...
    const X = [0, 0, 0, 1, 3, 4, 3, 5]
    const d = (i: number, j: number) => Math.hypot(X[2 * i] - X[2 * j], X[2 * i + 1] - X[2 * j + 1])
    const s = (i: number, mate: number, others: number[]) => {
      const a = d(i, mate)
      const b = (d(i, others[0]) + d(i, others[1])) / 2
      return (b - a) / Math.max(a, b)
    }
    const expected = (s(0, 1, [2, 3]) + s(1, 0, [2, 3]) + s(2, 3, [0, 1]) + s(3, 2, [0, 1])) / 4
    expect(silhouetteScore(X, 4, 2, [0, 0, 1, 1])).toBeCloseTo(expected, 12)
  })

  it('refuses one cluster or one cluster per row, like sklearn', () => {
    expect(() => silhouetteScore([0, 1, 2], 3, 1, [0, 0, 0])).toThrow(/between 2 and 2 clusters.*have 1/)
    expect(() => silhouetteScore([0, 1, 2], 3, 1, [0, 1, 2])).toThrow(/have 3/)
  })

  it('computes inertia as squared distances to cluster means', () => {
    expect(inertia([0, 1, 4, 5], 4, 1, [0, 0, 1, 1])).toBe(1)
    expect(inertia([0, 0, 2, 2, 10, 10], 3, 2, [1, 1, 0])).toBe(4)
  })

  it('matches the adjusted_rand_score docstring examples', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1)
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1)
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12)
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12)
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0)
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5)
  })
})
