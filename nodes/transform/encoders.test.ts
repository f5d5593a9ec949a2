import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { featureMatrix, subsetRows } from '../../ml/table/table'
import { categoricalFromTexts } from '../../ml/table/cast'
import { cells, params, runNode, table } from '../../tests/support/table-testing'
import { oneHotNode } from './onehot'
import { ordinalNode } from './ordinal'

const names = (d: Dataset) => d.columns.map((c) => c.name)

describe('transform.onehot', () => {
  it('replaces a categorical feature in place by one 0/1 column per category', async () => {
    const d = table({ a: [1, 2, 3], city: ['Rome', 'Oslo', 'Rome'], y: [0, 1, 0] }, 'y')
    const out = (await runNode(oneHotNode, { data: d })).data as Dataset
    expect(names(out)).toEqual(['a', 'city_Oslo', 'city_Rome', 'y'])
    expect(cells(out, 'city_Oslo')).toEqual([0, 1, 0])
    expect(cells(out, 'city_Rome')).toEqual([1, 0, 1])
    expect(featureMatrix(out).cols).toBe(3)
  })

  it('learns categories on train; unknown and missing become all zeros (handle_unknown=ignore)', async () => {
    const d = table({ c: ['x', 'y', 'z', null] })
    const splits: Splits = { kind: 'splits', train: subsetRows(d, [0, 1]), test: subsetRows(d, [2, 3, 0]) }
    const out = (await runNode(oneHotNode, { data: splits })).data as Splits
    expect(names(out.test!)).toEqual(['c_x', 'c_y'])
    expect(cells(out.test!, 'c_x')).toEqual([0, 0, 1])
    expect(cells(out.test!, 'c_y')).toEqual([0, 0, 0])
  })

  it('warns, in its summary, about a column with about one category per row (an ID encoded by mistake)', async () => {
    const rows = 40
    const d = table({ id: Array.from({ length: rows }, (_, i) => `C${i}`), city: Array.from({ length: rows }, (_, i) => (i % 2 ? 'Rome' : 'Oslo')) })
    const out = (await runNode(oneHotNode, { data: d })).data as Dataset
    const summary = oneHotNode.summarize!({ data: out }, params(oneHotNode)) as { warnings?: string[] }
    expect(summary.warnings).toEqual([
      'About one category per row of the 40 it learned from: "id" (40 categories). Their 0/1 columns only let a model memorize rows; ' +
        'if they are IDs, dates or free text, give them the ID role (ID columns of the CSV node, or Set target and roles) or drop them (Select columns) instead of encoding them.',
    ])
    const cities = (await runNode(oneHotNode, { data: d }, { columns: ['city'] })).data as Dataset
    expect((oneHotNode.summarize!({ data: cities }, params(oneHotNode, { columns: ['city'] })) as { warnings?: string[] }).warnings).toBeUndefined()
  })

  it('drops the first category on request, or only for binary columns', async () => {
    const d = table({ b: ['no', 'yes', 'no'], t: ['p', 'q', 'r'] })
    expect(names((await runNode(oneHotNode, { data: d }, { drop: 'first' })).data as Dataset)).toEqual(['b_yes', 't_q', 't_r'])
    expect(names((await runNode(oneHotNode, { data: d }, { drop: 'if_binary' })).data as Dataset)).toEqual(['b_yes', 't_p', 't_q', 't_r'])
  })

  it('matches categories by name, not by code, across separately loaded tables', async () => {
    const d = table({ c: ['a', 'b'] })
    const fitted = (await runNode(oneHotNode, { data: d })).data as Dataset
    const other: Dataset = { ...d, rows: 2, columns: [categoricalFromTexts('c', ['b', 'b'])] }
    const { applyOneHot } = await import('./onehot')
    const again = applyOneHot(fitted.steps[0].state as never, other)
    expect(cells(again, 'c_a')).toEqual([0, 0])
    expect(cells(again, 'c_b')).toEqual([1, 1])
  })

  it('refuses numeric columns and name clashes', async () => {
    await expect(runNode(oneHotNode, { data: table({ x: [1, 2] }) }, { columns: ['x'] })).rejects.toThrow(
      'One-hot encoding works on categorical columns; "x" is numeric: cast it to categorical first or leave it out.',
    )
    await expect(runNode(oneHotNode, { data: table({ c: ['a', 'b'], c_a: [1, 2] }) })).rejects.toThrow('would create column "c_a"')
  })
})

describe('transform.ordinal', () => {
  it('codes sorted categories 0..k-1; unknown -1; missing stays missing', async () => {
    const d = table({ s: ['M', 'L', 'S', 'XL', null] })
    const splits: Splits = { kind: 'splits', train: subsetRows(d, [0, 1, 2]), test: subsetRows(d, [3, 4, 1]) }
    const out = (await runNode(ordinalNode, { data: splits })).data as Splits
    expect(cells(out.train, 's')).toEqual([1, 0, 2])
    expect(cells(out.test!, 's')).toEqual([-1, null, 0])
  })

  it('follows a given order and says when it leaves a category out', async () => {
    const d = table({ s: ['M', 'L', 'S'] })
    const out = (await runNode(ordinalNode, { data: d }, { order: 's: S < M < L' })).data as Dataset
    expect(cells(out, 's')).toEqual([1, 2, 0])
    await expect(runNode(ordinalNode, { data: d }, { order: 's: S < M' })).rejects.toThrow('leaves out "L"')
    await expect(runNode(ordinalNode, { data: d }, { order: 'q: a < b' })).rejects.toThrow('names column "q"')
    await expect(runNode(ordinalNode, { data: d }, { order: 'nonsense' })).rejects.toThrow('needs the form column: first < second')
  })
})
