import { describe, expect, it } from 'vitest'
import { IdIndex } from './id-index'

describe('IdIndex', () => {
  it('maps each id to its first occurrence, lists ids once in that order, and finds the repeats', () => {
    const ids = ['a', 'b', 'a', '', 'c', '', 'b', 'a', '__proto__', 'constructor', '__proto__', 'é', 'e\u0301', 'é']
    const index = new IdIndex(ids.length, (i) => ids[i])
    expect([...index.first]).toEqual([0, 1, 0, 3, 4, 3, 1, 0, 8, 9, 8, 11, 12, 11])
    expect(index.repeats()).toEqual([2, 5, 6, 7, 10, 13])
    expect(index.keys()).toEqual(['a', 'b', '', 'c', '__proto__', 'constructor', 'é', 'e\u0301'])
    expect([index.get('a'), index.get('__proto__'), index.get('e\u0301'), index.get('toString'), index.get('d')]).toEqual([0, 8, 12, undefined, undefined])
    expect([index.has(''), index.has('hasOwnProperty')]).toEqual([true, false])
  })

  it('agrees with a Map on 20 000 ids with many repeats (a crowded table of colliding probes)', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `e${(i * 7919) % 15_013}`)
    const index = new IdIndex(ids.length, (i) => ids[i])
    const firsts = new Map<string, number>()
    ids.forEach((id, i) => firsts.has(id) || firsts.set(id, i))
    expect([...index.first]).toEqual(ids.map((id) => firsts.get(id)))
    expect(index.keys()).toEqual([...firsts.keys()])
    expect(index.get('e15013')).toBeUndefined()
  })

  it('is empty for no ids', () => {
    const index = new IdIndex(0, () => 'never read')
    expect([index.keys(), index.repeats(), index.get('x')]).toEqual([[], [], undefined])
  })
})
