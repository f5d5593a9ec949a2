import { describe, expect, it } from 'vitest'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { subsetRows } from '../../ml/table/table'
import { cells, runNode, table } from '../../tests/support/table-testing'
import { castColumnsNode } from './cast-columns'
import { normalizeTextNode } from './normalize-text'
import { renameColumnsNode } from './rename-columns'
import { selectColumnsNode } from './select-columns'
import { setRolesNode } from './set-roles'

const run = async (def: Parameters<typeof runNode>[0], d: Dataset, given: Record<string, unknown>) =>
  (await runNode(def, { data: d }, given)).data as Dataset

describe('clean.normalize-text', () => {
  const cities = table({ city: [' new york', 'New York', 'NY', 'new  york ', 'Boston', 'boston', 'n/a?'] })

  it('trims, re-cases and maps spellings into one category', async () => {
    const out = await run(normalizeTextNode, cities, { case: 'title', mapping: 'NY=New York, n/a?=' })
    expect(cells(out, 'city')).toEqual(['New York', 'New York', 'New York', 'New York', 'Boston', 'Boston', null])
    expect(out.columns[0]).toMatchObject({ categories: ['Boston', 'New York'] })
    expect(normalizeTextNode.summarize!({ data: out }, {} as never)).toMatchObject({ categories: { city: 2 } })
  })

  it('lower-cases without trimming when asked, and refuses numeric columns', async () => {
    const out = await run(normalizeTextNode, cities, { case: 'lower', trim: false })
    expect(cells(out, 'city').slice(0, 2)).toEqual([' new york', 'new york'])
    await expect(run(normalizeTextNode, table({ n: [1] }), { columns: ['n'] })).rejects.toThrow('works on categorical columns; "n" is numeric')
    await expect(run(normalizeTextNode, cities, { mapping: 'NY' })).rejects.toThrow('Mapping: "NY" needs the form name=value')
  })
})

describe('column nodes', () => {
  const d = table({ id: [1, 2], a: [3, 4], b: ['x', 'y'], y: [0, 1] }, 'y')

  it('selects, drops and renames columns', async () => {
    expect((await run(selectColumnsNode, d, { mode: 'keep', columns: ['a', 'y'] })).columns.map((c) => c.name)).toEqual(['a', 'y'])
    expect((await run(selectColumnsNode, d, { columns: ['b'] })).columns.map((c) => c.name)).toEqual(['id', 'a', 'y'])
    await expect(run(selectColumnsNode, d, { mode: 'keep', columns: [] })).rejects.toThrow('would remove every column')
    const renamed = await run(renameColumnsNode, d, { mapping: 'a=alpha\nb = beta' })
    expect(renamed.columns.map((c) => c.name)).toEqual(['id', 'alpha', 'beta', 'y'])
    await expect(run(renameColumnsNode, d, { mapping: 'a=b' })).rejects.toThrow('two columns the name "b"')
    await expect(run(renameColumnsNode, d, { mapping: 'zz=q' })).rejects.toThrow('Column "zz" not found')
  })

  it('sets target, ID and ignored columns; the rest become features', async () => {
    const out = await run(setRolesNode, d, { target: 'a', ids: ['id'], ignore: ['b'] })
    expect(out.columns.map((c) => c.role)).toEqual(['id', 'target', 'ignore', 'feature'])
    expect(setRolesNode.summarize!({ data: out }, {} as never)).toMatchObject({ task: 'regression', features: 1 })
    const none = await run(setRolesNode, d, {})
    expect(none.columns.every((c) => c.role === 'feature')).toBe(true)
    await expect(run(setRolesNode, d, { target: 'id', ids: ['id'] })).rejects.toThrow('cannot be the target and also an ID')
  })

  it('casts numbers to categories and back, naming a value that is not a number', async () => {
    const out = await run(castColumnsNode, d, { types: 'a:categorical' })
    expect(out.columns[1]).toMatchObject({ type: 'categorical', categories: ['3', '4'] })
    const back = await run(castColumnsNode, out, { types: 'a:numeric' })
    expect(cells(back, 'a')).toEqual([3, 4])
    await expect(run(castColumnsNode, d, { types: 'b:numeric' })).rejects.toThrow('row 1 holds "x", which is not a number')
    // Formatted numbers, such as a column the loader kept as text because only some cells carry a sign.
    const amounts = await run(castColumnsNode, table({ p: ['$1,200.50', '7', '45%', '-€3'] }), { types: 'p:numeric' })
    expect(cells(amounts, 'p')).toEqual([1200.5, 7, 0.45, -3])
  })
})

describe('category codes stay aligned across splits', () => {
  const d = table({ c: ['a ', 'b', 'A', 'c'], n: [3, 1, 2, 3] })
  const splits = { kind: 'splits' as const, train: subsetRows(d, [0, 1, 2]), test: subsetRows(d, [3]) }

  it('normalize text and cast give every split the same category list', async () => {
    const text = (await runNode(normalizeTextNode, { data: splits }, { case: 'lower' })).data as Splits
    expect(text.train.columns[0]).toMatchObject({ categories: ['a', 'b', 'c'] })
    expect(text.test!.columns[0]).toEqual({ ...text.train.columns[0], codes: Int32Array.of(2) })
    const cast = (await runNode(castColumnsNode, { data: splits }, { types: 'n:categorical' })).data as Splits
    expect(cast.train.columns[1]).toMatchObject({ categories: ['1', '2', '3'] })
    expect(cast.test!.columns[1]).toMatchObject({ categories: ['1', '2', '3'], codes: Int32Array.of(2) })
  })
})
