import type { Column } from '../../runtime/values/dataset'
import { numberParser, sortCategories, type DecimalMark } from '../../ml/table/cast'
import { readFormatted, type FormattedColumn } from '../../ml/table/formatted-numbers'

/**
 * Builds one typed column from cell texts as they stream in, so a big file is never held as
 * one string per cell. Numbers go into a Float64Array; the texts that are not numbers are kept
 * aside (deduplicated) until the end, when the column's type is decided from all its cells
 * (see `DIRTY_SHARE`), so the result never depends on where in the file the odd cells are.
 */
export interface ColumnBuilder {
  /** Adds a cell; `at` locates it in messages (a line or record number). */
  push(text: string, at: number): void
  build(): Column
  /** After `build`: a warning when a numeric column read some cells as missing, else undefined. */
  warning(): string | undefined
  /** After `build`: how a numeric column read cells written with a currency or percent sign or thousands separators, else undefined. */
  note(): string | undefined
}

export interface BuilderOptions {
  isMissing: (text: string) => boolean
  /** A forced type; undefined infers one. */
  type?: Column['type']
  /** Says where cell `at` is, e.g. "line 17". */
  where: (at: number) => string
  /** How the cells write fractions: a point unless said. */
  decimal?: DecimalMark
}

/**
 * A column stays numeric when at most this share of its non-missing cells are not numbers
 * (e.g. one "abc" among 200 floats); those cells become missing and the loader warns, naming
 * the first ones. Above it (a column of words, or codes mixed with words) it is categorical.
 * 5% tolerates a typo or a stray "unknown" per twenty rows, while a column that is even
 * one-tenth text is read as the text it is. Column types can force either reading.
 */
export const DIRTY_SHARE = 0.05

/** How many odd cells a warning names. */
const NAMED_CELLS = 5

function grow<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (n < a.length) return a
  const b = new (a.constructor as { new (n: number): T })(Math.max(1024, a.length * 2))
  b.set(a)
  return b
}

/** True when a column of `present` non-missing cells, `odd` of them not numbers, reads as numeric. */
export function staysNumeric(odd: number, present: number): boolean {
  return odd <= DIRTY_SHARE * present
}

export function columnBuilder(name: string, opts: BuilderOptions): ColumnBuilder {
  const decimal = opts.decimal ?? 'point'
  const parse = numberParser(decimal)
  let n = 0
  let present = 0
  let numbers = new Float64Array(1024)
  // Cells that are not numbers: row, and code into `labels` (whose first cell is at `firstAt`).
  let oddRows = new Int32Array(1024)
  let oddCodes = new Int32Array(1024)
  let odd = 0
  let named: { text: string; at: number }[] = []
  const index = new Map<string, number>()
  const labels: string[] = []
  const firstAt: number[] = []
  let warning: string | undefined
  let note: string | undefined

  const code = (label: string) => {
    let k = index.get(label)
    if (k === undefined) index.set(label, (k = labels.push(label) - 1))
    return k
  }

  return {
    push(text, at) {
      const missing = opts.isMissing(text)
      if (!missing) present++
      numbers = grow(numbers, n)
      const v = missing || opts.type === 'categorical' ? undefined : parse(text)
      numbers[n] = v ?? NaN
      if (!missing && v === undefined) {
        oddRows = grow(oddRows, odd)
        oddCodes = grow(oddCodes, odd)
        oddRows[odd] = n
        const k = code(text)
        if (k === firstAt.length) firstAt.push(at)
        oddCodes[odd++] = k
        if (named.length < NAMED_CELLS) named.push({ text, at })
      }
      n++
    },
    build() {
      const formatted = odd > 0 && opts.type !== 'categorical' ? readFormatted(labels, present - odd, decimal, opts.type === 'numeric') : undefined
      if (formatted && (opts.type === 'numeric' || staysNumeric(formatted.odd(oddCodes.subarray(0, odd)), present))) {
        const taken = takeFormatted(formatted, numbers, oddRows, oddCodes.subarray(0, odd), labels, firstAt)
        odd = taken.odd
        named = taken.named
        note = formatted.note(name)
      }
      const numeric = opts.type === 'numeric' || (opts.type === undefined && staysNumeric(odd, present))
      if (numeric) {
        if (odd > 0) warning = dirtyWarning(name, odd, present, named, opts)
        return { name, type: 'numeric', role: 'feature', values: numbers.slice(0, n) }
      }
      return categorical(name, n, numbers, oddRows.subarray(0, odd), oddCodes.subarray(0, odd), labels, code)
    },
    warning: () => warning,
    note: () => note,
  }
}

/**
 * Moves the odd cells (rows `oddRows`, label codes `oddCodes`) that `formatted` reads into `numbers`; the
 * others stay odd, moved to the front of both arrays. Returns how many stay, and the first of them to name.
 */
function takeFormatted(formatted: FormattedColumn, numbers: Float64Array, oddRows: Int32Array, oddCodes: Int32Array, labels: string[], firstAt: number[]) {
  let odd = 0
  for (let k = 0; k < oddCodes.length; k++) {
    const v = formatted.values[oddCodes[k]]
    if (v !== undefined) numbers[oddRows[k]] = v
    else [oddRows[odd], oddCodes[odd++]] = [oddRows[k], oddCodes[k]]
  }
  const named = labels
    .map((text, k) => ({ text, at: firstAt[k] }))
    .filter((_, k) => formatted.values[k] === undefined)
    .sort((a, b) => a.at - b.at)
    .slice(0, NAMED_CELLS)
  return { odd, named }
}

/** The column as categories: numbers become their decimal text, the other cells keep theirs. */
function categorical(
  name: string,
  n: number,
  numbers: Float64Array,
  oddRows: Int32Array,
  oddCodes: Int32Array,
  labels: string[],
  code: (label: string) => number,
): Column {
  const codes = new Int32Array(n)
  for (let i = 0; i < n; i++) codes[i] = Number.isNaN(numbers[i]) ? -1 : code(String(numbers[i]))
  for (let k = 0; k < oddRows.length; k++) codes[oddRows[k]] = oddCodes[k]
  // Categories sorted as the encoders expect; codes renumbered to match.
  const categories = sortCategories(labels)
  const sortedIndex = new Map(categories.map((c, i) => [c, i]))
  const rank = Int32Array.from(labels, (l) => sortedIndex.get(l)!)
  for (let i = 0; i < n; i++) if (codes[i] >= 0) codes[i] = rank[codes[i]]
  return { name, type: 'categorical', role: 'feature', codes, categories }
}

function dirtyWarning(name: string, odd: number, present: number, named: { text: string; at: number }[], opts: BuilderOptions): string {
  const share = (100 * odd) / present
  const pct = share < 0.1 ? '<0.1' : share.toFixed(share < 10 ? 1 : 0)
  const cells = named.map((c) => `"${c.text}" on ${opts.where(c.at)}`).join(', ')
  const more = odd > named.length ? `, and ${odd - named.length} more` : ''
  const forced = opts.type === 'numeric' ? 'was set to numeric' : 'is numeric'
  return (
    `Column "${name}" ${forced} except ${odd} cell${odd === 1 ? '' : 's'} (${pct}%), read as missing: ${cells}${more}. ` +
    `Fix the data, add the text to the missing-value tokens, or set "${name}:categorical" in Column types to keep it as text.`
  )
}
