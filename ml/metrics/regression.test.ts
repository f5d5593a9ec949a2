import { describe, expect, it } from 'vitest'
import { regressionScores } from './regression'

describe('regression metrics (scikit-learn definitions)', () => {
  it('matches the r2_score / explained_variance_score docstring example', () => {
    const s = regressionScores([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    expect(s.mse).toBe(0.375)
    expect(s.rmse).toBeCloseTo(Math.sqrt(0.375), 12)
    expect(s.mae).toBe(0.5)
    expect(s.r2).toBeCloseTo(1 - 1.5 / 29.1875, 12) // 0.948...
    expect(s.explainedVariance).toBeCloseTo(1 - 0.3125 / 7.296875, 12) // 0.957...
  })

  it('follows force_finite for constant true values', () => {
    expect(regressionScores([-2, -2, -2], [-2, -2, -2]).r2).toBe(1)
    expect(regressionScores([-2, -2, -2], [-2, -2, -2 + 1e-8]).r2).toBe(0)
    expect(regressionScores([-2, -2, -2], [-2, -2, -2]).explainedVariance).toBe(1)
    expect(regressionScores([-2, -2, -2], [-2, -2, -2 + 1e-8]).explainedVariance).toBe(0)
  })

  it('gives a negative R² for predictions worse than the mean', () => {
    // SS_res = 8, SS_tot = 2 → 1 − 4 = −3.
    expect(regressionScores([1, 2, 3], [3, 2, 1]).r2).toBe(-3)
  })

  it('leaves R² undefined for a single row', () => {
    const s = regressionScores([1], [2])
    expect(s.mse).toBe(1)
    expect(s.r2).toBeUndefined()
  })
})
