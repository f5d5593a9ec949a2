import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import { parseDate } from '../../ml/table/dates'
import { featureMatrix } from '../../ml/table/table'
import { cells, runNode, table } from '../../tests/support/table-testing'
import { applyDateParts, datePartsNode, type DatePartsState } from './date-parts'

const run = async (d: Dataset, given: Record<string, unknown> = {}) => (await runNode(datePartsNode, { data: d }, given)).data as Dataset

// Weekdays from Python: datetime.date(2024, 8, 4).weekday() == 6, (2024, 2, 29) == 3, (1999, 12, 31) == 4, (2024, 4, 8) == 0.
describe('transform.date-parts', () => {
  it('replaces a date column, in its place, by year, month, day and weekday (Monday = 0)', async () => {
    const d = table({ listed: ['2024-08-04', '2024-02-29', null, '1999-12-31'], rooms: [3, 2, 4, 1], price: [1, 2, 3, 4] }, 'price')
    const out = await run(d)
    expect(out.columns.map((c) => `${c.name}:${c.type}/${c.role}`)).toEqual([
      'listed_year:numeric/feature',
      'listed_month:numeric/feature',
      'listed_day:numeric/feature',
      'listed_weekday:numeric/feature',
      'rooms:numeric/feature',
      'price:numeric/target',
    ])
    expect(cells(out, 'listed_year')).toEqual([2024, 2024, null, 1999])
    expect(cells(out, 'listed_month')).toEqual([8, 2, null, 12])
    expect(cells(out, 'listed_day')).toEqual([4, 29, null, 31])
    expect(cells(out, 'listed_weekday')).toEqual([6, 3, null, 4])
    expect(datePartsNode.summarize!({ data: out }, {} as never)).toMatchObject({ dates: { listed: 'year, month, day, weekday' } })
  })

  it('reads dotted dates day first, slashed ones by their fields or Day order, and adds hour and minute for times', async () => {
    const eu = await run(table({ Datum: ['04.08.2024', '25.12.2024'], y: [1, 2] }, 'y'))
    expect([cells(eu, 'Datum_day'), cells(eu, 'Datum_month')]).toEqual([[4, 25], [8, 12]])
    const slashed = table({ at: ['04/08/2024', '12/25/2024'], y: [1, 2] }, 'y')
    expect(cells(await run(slashed), 'at_month')).toEqual([4, 12])
    const dayFirst = table({ at: ['04/08/2024', '25/12/2024'], y: [1, 2] }, 'y')
    expect(cells(await run(dayFirst), 'at_month')).toEqual([8, 12])
    await expect(run(slashed, { order: 'day', columns: ['at'] })).rejects.toThrow('Column "at" does not hold dates: "12/25/2024" is not one')
    const timed = await run(table({ t: ['2024-08-04T13:45:10Z', '2024-08-05 07:05'], y: [1, 2] }, 'y'))
    expect([cells(timed, 't_hour'), cells(timed, 't_minute'), cells(timed, 't_weekday')]).toEqual([[13, 7], [45, 5], [6, 0]])
    // Excel and Parquet dates arrive as ISO text at midnight: no hour or minute columns.
    const excel = await run(table({ d: ['2024-08-04T00:00:00.000Z', '2024-04-08T00:00:00.000Z'], y: [1, 2] }, 'y'))
    expect(excel.columns.map((c) => c.name)).toEqual(['d_year', 'd_month', 'd_day', 'd_weekday', 'y'])
    expect(cells(excel, 'd_weekday')).toEqual([6, 0])
  })

  it('finds the date columns itself, makes the few cells that are no date missing, and refuses a column of words', async () => {
    const mixed = table({ city: ['Oslo', 'Rome', 'Oslo'], when: ['2024-01-31', '2024-02-30', '2024-03-01'], y: [1, 2, 3] }, 'y')
    await expect(run(mixed)).rejects.toThrow('No column holds dates')
    const many = table({ when: [...Array.from({ length: 39 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`), 'soon'], city: Array(40).fill('Oslo'), y: Array(40).fill(1) }, 'y')
    const out = await run(many)
    expect(out.columns.map((c) => c.name)).toContain('city')
    expect(cells(out, 'when_day').at(-1)).toBeNull()
    await expect(run(mixed, { columns: ['city'] })).rejects.toThrow('Column "city" does not hold dates: "Oslo", "Rome" are not one')
    await expect(run(table({ n: [1], y: [1] }, 'y'), { columns: ['n'] })).rejects.toThrow('"n" is numeric')
  })

  it('is what a model asks for when it meets a date column', () => {
    const d = table({ listed: ['2024-08-04', '2024-02-29'], city: ['Oslo', 'Rome'], y: [1, 2] }, 'y')
    expect(() => featureMatrix(d)).toThrow(
      'Feature columns "listed", "city" are categorical; add a One-hot or Ordinal encoding node before this one ("listed" holds dates: a Date parts node turns it into numbers).',
    )
  })

  it('replays on rows scored later with the choices made on the training rows', async () => {
    const state: DatePartsState = { columns: [{ name: 'at', order: 'day', time: false }] }
    const later = applyDateParts(state, table({ at: ['04/08/2024', 'not a date'], extra: ['x', 'y'] }))
    expect(later.columns.map((c) => c.name)).toEqual(['at_year', 'at_month', 'at_day', 'at_weekday', 'extra'])
    expect(cells(later, 'at_month')).toEqual([8, null])
    expect(parseDate('2023-02-29', 'month')).toBeUndefined()
    expect(parseDate('2024-08-04 24:10', 'month')).toBeUndefined()
  })
})
