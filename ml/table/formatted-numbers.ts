import type { DecimalMark } from './cast'

/**
 * Numbers as a spreadsheet writes them when their cells are formatted: a currency sign before or after
 * ("$1,234.50", "-€5", "12,50 €"), a percent sign after ("45%", "12,5 %"), and thousands grouped
 * ("1,234,567.8"; with a decimal comma "1.234.567,8" or, as French exports write them, "1 234 567,8").
 * A loader reads such a column as numbers when every number in it is written the same way
 * (column-builder.ts); Cast column types and the scorers read them cell by cell (cellNumber, cast.ts).
 */
export interface FormattedNumber {
  value: number
  /** The sign the cell carries: a currency sign, "%" (the value is then divided by 100), or "" for grouping alone. */
  unit: string
}

const CURRENCY = new Set(['$', '€', '£', '¥', '₹'])

/** Digits grouped by thousands or not, with a fraction after `mark`; the group separators a mark goes with. */
const BODY: Record<DecimalMark, RegExp> = {
  point: /^(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d*)?$|^\.\d+$/,
  comma: /^(?:[1-9]\d{0,2}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,\d*)?$|^,\d+$/,
}

const GROUPS: Record<DecimalMark, RegExp> = { point: /,/g, comma: /[. \u00a0\u202f]/g }

/** A leading "+" or "-", and the text after it. */
function sign(text: string): [string, string] {
  return text[0] === '-' || text[0] === '+' ? [text[0], text.slice(1).trimStart()] : ['', text]
}

/** The formatted number `text` spells with decimal mark `mark`, or undefined when it is none. */
export function parseFormatted(text: string, mark: DecimalMark): FormattedNumber | undefined {
  let t = text.trim()
  let unit = ''
  if (t.endsWith('%')) [unit, t] = ['%', t.slice(0, -1).trimEnd()]
  let [minus, rest] = sign(t)
  if (!unit && CURRENCY.has(rest[0])) {
    unit = rest[0]
    rest = rest.slice(1).trimStart()
    if (!minus) [minus, rest] = sign(rest)
  } else if (!unit && CURRENCY.has(rest.at(-1) ?? '')) {
    unit = rest.at(-1)!
    rest = rest.slice(0, -1).trimEnd()
  }
  if (!BODY[mark].test(rest)) return undefined
  const plain = rest.replace(GROUPS[mark], '')
  const value = Number(minus + (mark === 'comma' ? plain.replace(',', '.') : plain))
  if (!Number.isFinite(value)) return undefined
  return { value: unit === '%' ? value / 100 : value, unit }
}

/** How a column's cells that are not plain numbers read as formatted ones (readFormatted). */
export interface FormattedColumn {
  /** Each label's value, or undefined when it is no number written the column's way (a word, another sign). */
  values: (number | undefined)[]
  /** How many of the cells with these label codes stay no number. */
  odd(codes: Int32Array): number
  /** What the loader tells the user about the column. */
  note(column: string): string
}

/**
 * Reads the texts of a column that are not plain numbers (`labels`) as formatted numbers, when the column
 * writes its numbers one way: thousands grouped (plain numbers among them, such as 999, are written the
 * same way), or with one currency or percent sign that every number of the column carries, so none of
 * its `plainCells` cells may be a plain number. A column forced numeric takes each label that reads.
 * Undefined when no label reads, or the column mixes its ways.
 */
export function readFormatted(labels: readonly string[], plainCells: number, mark: DecimalMark, forced: boolean): FormattedColumn | undefined {
  const read = labels.map((label) => parseFormatted(label, mark))
  const units = [...new Set(read.flatMap((r) => (r ? [r.unit] : [])))].sort()
  if (units.length === 0) return undefined
  if (!forced && (units.length > 1 || (units[0] !== '' && plainCells > 0))) return undefined
  const values = read.map((r) => r?.value)
  const first = read.findIndex((r) => r !== undefined)
  return {
    values,
    odd: (codes) => codes.reduce((count, k) => count + (values[k] === undefined ? 1 : 0), 0),
    note: (column) => `Column "${column}" is read as ${described(units, labels[first], values[first]!)}.`,
  }
}

function described(units: string[], example: string, value: number): string {
  const as = `"${example}" is ${value}`
  if (units.length > 1) return `numbers written with ${units.filter(Boolean).map((u) => `"${u}"`).join(', ')} (${as})`
  if (units[0] === '%') return `percentages (${as})`
  if (units[0] === '') return `numbers with thousands separators (${as})`
  return `amounts in ${units[0]} (${as})`
}
