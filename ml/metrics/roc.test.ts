import { describe, expect, it } from 'vitest'
import { oneVsRestRoc, rocCurve, trapezoidArea } from './roc'

describe('ROC curve and AUC (scikit-learn roc_curve / roc_auc_score)', () => {
  it('matches the roc_curve docstring example', () => {
    // y = [1, 1, 2, 2], scores = [0.1, 0.4, 0.35, 0.8], pos_label = 2
    const curve = rocCurve([false, false, true, true], [0.1, 0.4, 0.35, 0.8])!
    expect(curve.fpr).toEqual([0, 0, 0.5, 0.5, 1])
    expect(curve.tpr).toEqual([0, 0.5, 0.5, 1, 1])
    expect(curve.thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1])
    expect(trapezoidArea(curve.fpr, curve.tpr)).toBe(0.75)
  })

  it('drops collinear points like drop_intermediate=True, without changing the area', () => {
    const y = [true, true, false, false]
    const s = [0.9, 0.8, 0.3, 0.2]
    const dropped = rocCurve(y, s)!
    expect(dropped.fpr).toEqual([0, 0, 0, 1])
    expect(dropped.tpr).toEqual([0, 0.5, 1, 1])
    expect(dropped.thresholds).toEqual([Infinity, 0.9, 0.8, 0.2])
    const full = rocCurve(y, s, false)!
    expect(full.fpr).toEqual([0, 0, 0, 0.5, 1])
    expect(trapezoidArea(full.fpr, full.tpr)).toBe(1)
  })

  it('treats tied scores as one threshold whatever the row order', () => {
    // Pairs (pos, neg): 0.5>0.1, 0.5=0.5 (half), 0.9>0.1, 0.9>0.5 → AUC 3.5/4.
    const a = rocCurve([false, false, true, true], [0.1, 0.5, 0.5, 0.9], false)!
    const b = rocCurve([true, false, true, false], [0.5, 0.5, 0.9, 0.1], false)!
    expect(a).toEqual(b)
    expect(a.fpr).toEqual([0, 0, 0.5, 1])
    expect(a.tpr).toEqual([0, 0.5, 1, 1])
    expect(trapezoidArea(a.fpr, a.tpr)).toBe(0.875)
    const allTied = rocCurve([true, false, true, false], [0.5, 0.5, 0.5, 0.5])!
    expect(trapezoidArea(allTied.fpr, allTied.tpr)).toBe(0.5)
  })

  it('gives, at every distinct score, the true and false positives scoring at least that much (ties, ±∞, 3 000 rows)', () => {
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const scores = Array.from({ length: 3000 }, () => (next() < 0.02 ? (next() < 0.5 ? Infinity : -Infinity) : Math.round(next() * 400) / 400))
    const positive = scores.map((s) => next() < (Number.isFinite(s) ? s : 0.5))
    const curve = rocCurve(positive, scores, false)!
    const distinct = [...new Set(scores)].sort((a, b) => b - a)
    expect(curve.thresholds).toEqual([Infinity, ...distinct])
    const totalP = positive.filter(Boolean).length
    for (const [i, t] of distinct.entries()) {
      const above = scores.map((s, r) => (s >= t ? r : -1)).filter((r) => r >= 0)
      const tp = above.filter((r) => positive[r]).length
      expect([curve.tpr[i + 1], curve.fpr[i + 1]]).toEqual([tp / totalP, (above.length - tp) / (scores.length - totalP)])
    }
  })

  it('ranks NaN scores (a diverged model) together below every other score', () => {
    const curve = rocCurve([true, false, true, false], [NaN, 0.2, 0.7, NaN], false)!
    expect(curve.tpr).toEqual([0, 0.5, 0.5, 1])
    expect(curve.fpr).toEqual([0, 0, 0.5, 1])
    expect(curve.thresholds).toEqual([Infinity, 0.7, 0.2, NaN])
  })

  it('is undefined when only one class is present', () => {
    expect(rocCurve([true, true], [0.2, 0.7])).toBeUndefined()
    expect(rocCurve([false, false], [0.2, 0.7])).toBeUndefined()
  })

  it('computes one-vs-rest curves per class from a probability matrix', () => {
    const actual = [0, 1, 2, 0]
    const probs = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1]
    const { curves, undefinedFor } = oneVsRestRoc(actual, probs, 3, [0, 1, 2])
    expect(undefinedFor).toEqual([])
    // Class 0 scores [0.8, 0.2, 0.3, 0.5]: both positives above both negatives.
    expect(curves.map((c) => c.auc)).toEqual([1, 1, 1])
    const missing = oneVsRestRoc([0, 0, 1], [0.9, 0.1, 0.8, 0.2, 0.3, 0.7], 2, [0, 1])
    expect(missing.curves).toHaveLength(2)
    expect(oneVsRestRoc([0, 0], [0.9, 0.1, 0.8, 0.2], 2, [0, 1]).undefinedFor).toEqual([0, 1])
  })
})
