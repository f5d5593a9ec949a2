import type { CategoricalColumn } from '../../runtime/values/dataset'

/** Dates written as text → their calendar parts, for the date-parts transform. */

/** At most this share of a date column's filled cells may be no date (they become missing). */
export const NOT_DATES = 0.05

/** Which field of a date written with slashes or dashes comes first: day (31/12/2024) or month (12/31/2024). */
export type DayOrder = 'day' | 'month'

export interface DateValue {
  year: number
  month: number
  day: number
  /** Monday = 0 … Sunday = 6, as pandas' `dayofweek`. */
  weekday: number
  /** Present when the text has a time of day (the clock time as written; an offset is not applied). */
  hour?: number
  minute?: number
}

/** Year first: 2024-08-04, 2024/8/4, 2024-08-04T13:45:10.5Z, 2024-08-04 13:45+02:00. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/
/** Year last: 04.08.2024 (always day first), 04/08/2024 and 04-08-2024 (day or month first), with an optional time. */
const YEAR_LAST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

/** A date's parts, or undefined when it is no valid date (31 February, month 13, hour 25). */
function dateValue(year: number, month: number, day: number, hour?: number, minute?: number): DateValue | undefined {
  const at = new Date(Date.UTC(year, month - 1, day))
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined
  if (hour !== undefined && (hour > 23 || minute! > 59)) return undefined
  const weekday = (at.getUTCDay() + 6) % 7
  return hour === undefined ? { year, month, day, weekday } : { year, month, day, weekday, hour, minute }
}

const hours = (digits: string | undefined) => (digits === undefined ? undefined : Number(digits))

/** The date a cell spells under `order`, or undefined when it spells none. */
export function parseDate(text: string, order: DayOrder): DateValue | undefined {
  const t = text.trim()
  const ymd = YEAR_FIRST.exec(t)
  if (ymd) return dateValue(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]), hours(ymd[5]), hours(ymd[6]))
  const last = YEAR_LAST.exec(t)
  if (!last) return undefined
  const [a, b] = [Number(last[1]), Number(last[3])]
  const dayFirst = last[2] === '.' || order === 'day'
  return dateValue(Number(last[4]), dayFirst ? b : a, dayFirst ? a : b, hours(last[5]), hours(last[6]))
}

/**
 * The order a column's slashed or dashed dates are written in: day first when some first field is over 12
 * (25/12/2024), month first when some second field is (12/25/2024) or when nothing tells (as pandas reads them).
 */
export function guessDayOrder(texts: readonly string[]): DayOrder {
  let dayFirst = false
  for (const text of texts) {
    const m = YEAR_LAST.exec(text.trim())
    if (!m || m[2] === '.') continue
    if (Number(m[3]) > 12) return 'month'
    if (Number(m[1]) > 12) dayFirst = true
  }
  return dayFirst ? 'day' : 'month'
}

/** Filled cells of a categorical column that are no date under `order`, with a few of their texts. */
export function notDates(c: CategoricalColumn, order: DayOrder) {
  const bad = c.categories.map((text) => parseDate(text, order) === undefined)
  let filled = 0
  let count = 0
  const examples = new Set<string>()
  for (const code of c.codes) {
    if (code < 0) continue
    filled++
    if (!bad[code]) continue
    count++
    if (examples.size < 3) examples.add(c.categories[code])
  }
  return { share: filled ? count / filled : 1, examples: [...examples] }
}

/** Whether a categorical column holds dates (all but NOT_DATES of its filled cells), as Date parts would find it. */
export const holdsDates = (c: CategoricalColumn): boolean => notDates(c, guessDayOrder(c.categories)).share <= NOT_DATES
