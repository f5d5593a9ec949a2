import { describe, expect, it } from 'vitest'
import { etaMs, formatBytes, formatEta, formatMs, formatNumber, nameList, summaryLines } from './format'
import { readableName } from './metric-names'
import { paramProblem } from './param-check'
import { colorOf, niceTicks } from './plot-scale'
import { decodeShareFragment, encodeShareFragment } from './share-link'

describe('share links', () => {
  it('round-trip any JSON text, including non-ASCII, through a URL-safe fragment', () => {
    const json = JSON.stringify({ meta: { title: 'Iris — ünïcode ✓' }, nodes: Array.from({ length: 50 }, (_, i) => ({ id: `n${i}` })) })
    const frag = encodeShareFragment(json)
    expect(frag).toMatch(/^#g=[A-Za-z0-9_-]+$/)
    expect(frag.length).toBeLessThan(json.length)
    expect(decodeShareFragment(frag)).toBe(json)
  })

  it('ignores other fragments and explains a damaged one', () => {
    expect(decodeShareFragment('#section')).toBeUndefined()
    expect(() => decodeShareFragment('#g=not-deflate')).toThrow(/share link is damaged/)
  })
})

describe('param checks', () => {
  const lr = { type: 'number', exclusiveMinimum: 0, maximum: 10 }
  it('explain out-of-range and wrong-kind values in a sentence', () => {
    expect(paramProblem(lr, 0)).toBe('Must be greater than 0.')
    expect(paramProblem(lr, 11)).toBe('Must be at most 10.')
    expect(paramProblem(lr, NaN)).toBe('Enter a number.')
    expect(paramProblem(lr, 0.1)).toBeUndefined()
    expect(paramProblem({ type: 'integer', minimum: 1 }, 2.5)).toBe('Enter a whole number.')
    expect(paramProblem({ type: 'string', enum: ['a', 'b'] }, 'c')).toBe('Choose one of: a, b.')
  })
})

describe('formatting', () => {
  it('reads numbers, times and sizes as people write them', () => {
    expect(formatNumber(0.966666)).toBe('0.967')
    expect(formatNumber(1500)).toBe('1,500')
    expect(formatNumber(0.00001234)).toBe('1.23e-5')
    expect(formatMs(1234)).toBe('1.2 s')
    expect(formatBytes(2048)).toBe('2.0 KB')
  })

  it('summarises tables, splits and metrics in short lines', () => {
    expect(summaryLines({ rows: 150, columns: 5, target: 'species' })).toEqual([
      ['table', '150 rows × 5 cols'],
      ['target', 'species'],
    ])
    expect(summaryLines({ rows: 178, columns: 14, target: 'target', task: 'classification · 3 classes', warnings: ['Column "x" …'] })).toEqual([
      ['table', '178 rows × 14 cols'],
      ['target', 'target'],
      ['task', 'classification · 3 classes'],
      ['warnings', '1: Column "x" …'],
    ])
    expect(summaryLines({ train: 120, test: 30, columns: 5 })).toEqual([['splits', 'train 120 · test 30']])
    expect(summaryLines({ accuracy: 0.9666, f1: 0.96 })).toEqual([
      ['accuracy', '0.967'],
      ['f1', '0.96'],
    ])
  })

  it('picks 1-2-5 ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(-3, 17, 4)).toEqual([0, 5, 10, 15])
  })
})

describe('readable metric names', () => {
  it('spell out keys and keep the class or column they name as written', () => {
    expect(readableName('roc:setosa', 'section')).toBe('ROC curve — setosa')
    expect(readableName('roc', 'section')).toBe('ROC curve')
    expect(readableName('perClass', 'section')).toBe('Per class')
    expect(readableName('rocAuc')).toBe('ROC AUC')
    expect(readableName('logLoss')).toBe('Log loss')
    expect(readableName('explainedVariance')).toBe('Explained variance')
    expect(readableName('r2')).toBe('R²')
    expect(readableName('psi.Sepal_Width')).toBe('PSI — Sepal_Width')
    expect(readableName('ks_p.age')).toBe('KS p — age')
    expect(readableName('drifted_features')).toBe('Drifted features')
  })
})

describe('training time left', () => {
  it('extrapolates the pace so far, and says nothing before there is one', () => {
    expect(etaMs(3000, 0.25)).toBe(9000)
    expect(etaMs(10_000, 0.5)).toBe(10_000)
    expect(etaMs(500, 0.5)).toBeUndefined()
    expect(etaMs(5000, 0.01)).toBeUndefined()
    expect(etaMs(5000, 1)).toBeUndefined()
    expect(etaMs(5000, undefined)).toBeUndefined()
    expect(formatEta(56_900)).toBe('57 s')
    expect(formatEta(125_000)).toBe('2 min 5 s')
  })
})

describe('nameList', () => {
  it('lists a few names in full and cuts a long list after twelve, counting the rest', () => {
    expect(nameList(['a', 'b'])).toBe('a, b')
    const many = Array.from({ length: 1467 }, (_, i) => `f${i}`)
    expect(nameList(many)).toBe('f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11 … and 1,455 more')
  })
})

describe('colorOf', () => {
  it('gives twenty classes twenty different colours, then repeats', () => {
    const first = Array.from({ length: 20 }, (_, i) => colorOf(i))
    expect(new Set(first).size).toBe(20)
    expect(colorOf(20)).toBe(colorOf(0))
  })
})
