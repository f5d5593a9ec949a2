import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { CategoricalColumn, Column, Dataset } from '../../runtime/values/dataset'
import { guessDayOrder, NOT_DATES, notDates, parseDate, type DateValue, type DayOrder } from '../../ml/table/dates'
import { getColumn, numericColumn, quoteList, requireData } from '../../ml/table/table'
import { byColumn, fitAndApply, lastStep } from '../../ml/table/select'
import { summarizeValue } from '../../runtime/values/summary'
import { fittedStep } from '../../ml/table/steps'

export interface DatePartsState {
  /** Each date column: how its slashed dates are ordered, and whether it has times of day (hour and minute columns). */
  columns: { name: string; order: DayOrder; time: boolean }[]
}

const PARTS = ['year', 'month', 'day', 'weekday'] as const
const TIME_PARTS = ['hour', 'minute'] as const

const partNames = (c: DatePartsState['columns'][number]) => [...PARTS, ...(c.time ? TIME_PARTS : [])]

/** The number columns that replace one date column, in its place. */
function partColumns(c: CategoricalColumn, spec: DatePartsState['columns'][number]): Column[] {
  const dates = c.categories.map((text) => parseDate(text, spec.order))
  return partNames(spec).map((part) => {
    const values = new Float64Array(c.codes.length)
    for (let i = 0; i < values.length; i++) {
      const d: DateValue | undefined = c.codes[i] < 0 ? undefined : dates[c.codes[i]]
      values[i] = d?.[part] ?? NaN
    }
    return numericColumn(`${c.name}_${part}`, values, c.role)
  })
}

export function applyDateParts(state: DatePartsState, d: Dataset): Dataset {
  const specs = new Map(state.columns.map((c) => [c.name, c]))
  const columns = d.columns.flatMap((c) => {
    const spec = specs.get(c.name)
    return spec && c.type === 'categorical' ? partColumns(c, spec) : [c]
  })
  return { ...d, columns }
}

/** The date columns: the named ones (each must read as dates), else every categorical feature that does. */
function dateColumns(d: Dataset, names: string[], order: DayOrder | 'auto'): DatePartsState['columns'] {
  const named = names.length > 0
  const candidates = named ? names.map((n) => getColumn(d, n)) : d.columns.filter((c) => c.role === 'feature' && c.type === 'categorical')
  const specs: DatePartsState['columns'] = []
  for (const c of candidates) {
    if (c.type !== 'categorical') throw new Error(`Date parts reads dates written as text; "${c.name}" is numeric.`)
    if (c.role === 'target') throw new Error(`"${c.name}" is the target; Date parts splits feature columns only.`)
    const spec = { name: c.name, order: order === 'auto' ? guessDayOrder(c.categories) : order, time: false }
    const odd = notDates(c, spec.order)
    if (odd.share > NOT_DATES) {
      if (named) throw new Error(`Column "${c.name}" does not hold dates: ${quoteList(odd.examples)} ${odd.examples.length > 1 ? 'are' : 'is'} not one (dates read like 2024-08-04, 04.08.2024 or 08/04/2024).`)
      continue
    }
    // Midnight everywhere (dates from Excel or Parquet, written as ISO text with a time) adds no hour and minute.
    spec.time = c.categories.some((text) => {
      const at = parseDate(text, spec.order)
      return at?.hour !== undefined && (at.hour !== 0 || at.minute !== 0)
    })
    specs.push(spec)
  }
  if (!specs.length) throw new Error('No column holds dates: choose the date columns (dates read like 2024-08-04, 04.08.2024 or 08/04/2024).')
  const taken = new Set(d.columns.map((c) => c.name))
  const clash = specs.flatMap((s) => partNames(s).map((part) => `${s.name}_${part}`)).filter((n) => taken.has(n))
  if (clash.length) throw new Error(`Date parts would add ${quoteList(clash)}, which already exist; rename those columns first.`)
  return specs
}

const datePartsStep = fittedStep('transform.date-parts', applyDateParts)

/** Splits date columns into year, month, day, weekday (and hour, minute) number columns. */
export const datePartsNode = defineNode({
  type: 'transform.date-parts',
  version: 1,
  category: 'transform',
  title: 'Date parts',
  description:
    'Replaces each date column (dates written as text: 2024-08-04, 2024-08-04 13:45, 04.08.2024, 08/04/2024) by number columns a model can use: ' +
    '<name>_year, _month, _day and _weekday (Monday = 0, as pandas), plus _hour and _minute when the column has times. ' +
    'Cells that are no date (at most 5%) become missing. Slashed dates are read day first when some first field is over 12, month first otherwise, unless Day order says. ' +
    'Nothing is fitted: the same rules apply to every split and to rows scored later.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [datePartsStep],
  params: () => ({
    columns: p.columns({ kind: 'categorical', title: 'Date columns', description: 'Empty: every categorical feature column that holds dates.' }),
    order: p.select(['auto', 'day', 'month'], {
      default: 'auto',
      title: 'Day order',
      description: 'For dates written with slashes or dashes and the year last: 04/08/2024 is 4 August (day) or April 8 (month). Dotted dates are always day first.',
    }),
  }),
  run({ data }, params) {
    // Nothing is fitted, but the order and the time columns are chosen on the training rows and replayed as they are.
    return { data: fitAndApply(requireData(data), datePartsStep, (train): DatePartsState => ({ columns: dateColumns(train, params.columns, params.order) })) }
  },
  summarize(outputs) {
    const data = requireData(outputs.data)
    const columns = (lastStep(data)!.state as unknown as DatePartsState).columns
    return { ...summarizeValue(data), dates: byColumn(columns.map((c) => c.name), columns.map((c) => partNames(c).join(', '))) }
  },
})
