import { describe, expect, it } from 'vitest'
import { repeatedIds } from './repeats'

describe('repeatedIds', () => {
  it('finds every later occurrence of an id, in order, and nothing else', () => {
    const ids = ['a', 'b', 'a', '', 'c', '', 'b', 'a', '__proto__', 'constructor', '__proto__', 'é', 'e\u0301', 'é']
    expect(repeatedIds(ids.length, (i) => ids[i])).toEqual([2, 5, 6, 7, 10, 13])
  })

  it('agrees with a Set on 20 000 ids with many repeats (a full table of colliding probes)', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `e${(i * 7919) % 15_013}`)
    const seen = new Set<string>()
    const expected = ids.flatMap((id, i) => (seen.has(id) ? [i] : (seen.add(id), [])))
    expect(expected.length).toBe(20_000 - 15_013)
    expect(repeatedIds(ids.length, (i) => ids[i])).toEqual(expected)
  })
})
