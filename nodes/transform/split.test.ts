import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { cells, params, runNode, table } from '../../tests/support/table-testing'
import { allocate, splitNode } from './split'

const data = (n: number, classA: number) =>
  table({ id: [...Array(n).keys()], y: Array.from({ length: n }, (_, i) => (i < classA ? 'a' : 'b')) }, 'y')

const split = async (d: Dataset, given: Record<string, unknown> = {}) => (await runNode(splitNode, { data: d }, given)).data as Splits

const count = (d: Dataset, label: string) => cells(d, 'y').filter((v) => v === label).length

describe('transform.split', () => {
  it('rounds held-out sizes up and gives training the rest; every row lands in exactly one part', async () => {
    const s = await split(data(10, 5), { test: 0.2, validation: 0.15 })
    expect([s.train.rows, s.validation!.rows, s.test!.rows]).toEqual([6, 2, 2])
    const all = [s.train, s.validation!, s.test!].flatMap((d) => cells(d, 'id'))
    expect([...all].sort((a, b) => (a as number) - (b as number))).toEqual([...Array(10).keys()])
    expect((await split(data(7, 3), { test: 0.25 })).test!.rows).toBe(2)
    expect((await split(data(7, 3))).validation).toBeUndefined()
  })

  it('stratifies: each part keeps the class shares', async () => {
    const s = await split(data(100, 70), { test: 0.2, validation: 0.1 })
    expect([count(s.test!, 'a'), count(s.test!, 'b')]).toEqual([14, 6])
    expect([count(s.validation!, 'a'), count(s.validation!, 'b')]).toEqual([7, 3])
    expect([count(s.train, 'a'), count(s.train, 'b')]).toEqual([49, 21])
    expect(splitNode.summarize!({ data: s }, params(splitNode))).toMatchObject({ train: 70, validation: 10, test: 20, stratified: true })
  })

  it('stratifies by an integer target of few values (0/1 labels), not by a numeric regression target', async () => {
    const labels = table({ id: [...Array(100).keys()], y: Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1)) }, 'y')
    for (const seed of [0, 1, 2]) {
      const s = await split(labels, { test: 0.2, seed })
      expect([0, 1].map((v) => cells(s.test!, 'y').filter((x) => x === v).length)).toEqual([18, 2])
      expect(splitNode.summarize!({ data: s }, params(splitNode))).toMatchObject({ stratified: true })
    }
    const prices = table({ id: [...Array(40).keys()], y: Array.from({ length: 40 }, (_, i) => i * 1.5) }, 'y')
    expect(splitNode.summarize!({ data: await split(prices) }, params(splitNode))).toMatchObject({ stratified: false })
  })

  it('is deterministic for a seed, differs across seeds, and keeps file order without shuffle', async () => {
    const d = data(50, 25)
    expect(cells((await split(d, { seed: 1 })).test!, 'id')).toEqual(cells((await split(d, { seed: 1 })).test!, 'id'))
    expect(cells((await split(d, { seed: 1 })).test!, 'id')).not.toEqual(cells((await split(d, { seed: 2 })).test!, 'id'))
    const ordered = await split(data(10, 5), { shuffle: false, stratify: false, test: 0.3 })
    expect(cells(ordered.train, 'id')).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(cells(ordered.test!, 'id')).toEqual([7, 8, 9])
  })

  it('refuses impossible ratios and splitting twice', async () => {
    await expect(split(data(10, 5), { test: 0.5, validation: 0.5 })).rejects.toThrow('must leave some rows for training')
    await expect(split(data(2, 1), { test: 0.5, validation: 0.4 })).rejects.toThrow('2 rows are too few')
    await expect(split(data(10, 5), { shuffle: false })).rejects.toThrow('Stratify needs shuffle')
    const s = await split(data(10, 5))
    await expect(runNode(splitNode, { data: s })).rejects.toThrow('already split')
    expect(splitNode.check!(params(splitNode, { test: 0.6, validation: 0.4 }), {})).toHaveLength(1)
  })

  it('allocates by largest remainder within caps', () => {
    expect(allocate(3, [5, 5, 2], [5, 5, 2])).toEqual([1, 1, 1])
    expect(allocate(5, [1, 9], [0, 9])).toEqual([0, 5])
  })
})
