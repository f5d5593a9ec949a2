import { describe, expect, it } from 'vitest'
import { mergeRanOn } from '../../runtime/node-api/subgraph'
import { ranOnText } from './ran-on'

describe('where a trial ran, as its trials-table cell says it', () => {
  it('names pool workers, queue workers and this thread, and "—" for a trial that was all cache hits', () => {
    expect(ranOnText({ pool: [2], queue: [], here: false })).toBe('pool worker 2')
    expect(ranOnText({ pool: [], queue: ['box:4242', 'cube:17'], here: false })).toBe('queue workers box:4242, cube:17')
    expect(ranOnText({ pool: [], queue: [''], here: false })).toBe('queue')
    expect(ranOnText({ pool: [1], queue: [], here: true })).toBe('pool worker 1; this thread')
    expect(ranOnText({ pool: [], queue: [], here: false })).toBe('—')
  })

  it('joins the folds of a trial: each place once, in order', () => {
    const folds = [
      { pool: [2], queue: ['b:2'], here: false },
      undefined,
      { pool: [1, 2], queue: ['a:1', 'b:2'], here: true },
    ]
    expect(mergeRanOn(folds)).toEqual({ pool: [1, 2], queue: ['a:1', 'b:2'], here: true })
  })
})
