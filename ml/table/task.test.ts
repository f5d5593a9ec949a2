import { describe, expect, it } from 'vitest'
import { categoricalColumn, numericColumn } from './table'
import { describeTask, inferTask, MAX_INFERRED_CLASSES } from './task'

const num = (values: number[]) => numericColumn('y', Float64Array.from(values))
/** `rows` values cycling through `k` integers starting at `from`. */
const cycle = (rows: number, k: number, from = 0) => num(Array.from({ length: rows }, (_, i) => from + (i % k)))

describe('inferTask (Task = auto)', () => {
  it('reads integer targets with few values as classes: 0/1 on 569 rows, 0/1/2 on 178, ratings 1–5, -1/+1', () => {
    expect(inferTask(cycle(569, 2))).toEqual({ task: 'classification', classes: 2 })
    expect(inferTask(cycle(178, 3))).toEqual({ task: 'classification', classes: 3 })
    expect(inferTask(cycle(300, 5, 1))).toEqual({ task: 'classification', classes: 5 })
    expect(inferTask(num([-1, 1, 1, -1, 1]))).toEqual({ task: 'classification', classes: 2 })
  })

  it('draws the line at 20 distinct values and at half the rows', () => {
    expect(MAX_INFERRED_CLASSES).toBe(20)
    expect(inferTask(cycle(1000, 20))).toEqual({ task: 'classification', classes: 20 })
    expect(inferTask(cycle(1000, 21))).toEqual({ task: 'regression' })
    // 5 rows, 2 values: 2 < 2.5 → classes; 4 rows, 2 values: 2 is not below half of 4 → regression.
    expect(inferTask(num([0, 1, 0, 1, 0])).task).toBe('classification')
    expect(inferTask(num([0, 1, 0, 1])).task).toBe('regression')
    expect(inferTask(num([3, 7, 9, 12, 15, 18])).task).toBe('regression')
  })

  it('reads fractions, empty columns and wide ranges as regression; ignores missing cells; categorical is always classes', () => {
    expect(inferTask(num([0, 1, 0.5, 1, 0, 1])).task).toBe('regression')
    expect(inferTask(num([NaN, NaN])).task).toBe('regression')
    expect(inferTask(num([0, 1, NaN, 0, 1, 0, NaN])).task).toBe('classification')
    expect(inferTask(categoricalColumn('y', Int32Array.of(0, 1, 2, 0), ['a', 'b', 'c']))).toEqual({ task: 'classification', classes: 3 })
  })

  it('says it for a summary', () => {
    expect(describeTask(cycle(178, 3))).toBe('classification · 3 classes')
    expect(describeTask(num([1.5, 2.5, 3]))).toBe('regression')
    expect(describeTask(categoricalColumn('y', Int32Array.of(0, 0, 0), ['only']))).toBe('classification · 1 class')
  })
})
