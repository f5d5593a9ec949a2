import type { CategoricalColumn, Column, ColumnRole, NumericColumn } from '../../runtime/values/dataset'
import { parseFormatted } from './formatted-numbers'

/** Text ⇄ number conversions shared by the loaders, the cast node and lineage replay. */

/** Plain decimal numbers only ("1", "-2.5", ".5", "1e3"); no hex, no thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** The number a cell spells, or undefined when it is not a plain decimal number. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim()
  if (!NUMBER.test(t)) return undefined
  const v = Number(t)
  return Number.isFinite(v) ? v : undefined
}

/**
 * Numbers written with a decimal comma, as spreadsheets export them in much of Europe: "1,5", "-0,25",
 * "2,5e3", and dots grouping thousands ("1.234,5", "1.234" = 1234). "1.5" and "0.125" are not one.
 */
const COMMA_NUMBER = /^[+-]?(([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d*)?|,\d+)([eE][+-]?\d+)?$/

/** The number a cell spells with a decimal comma, or undefined when it is not one (see COMMA_NUMBER). */
export function parseCommaNumber(text: string): number | undefined {
  const t = text.trim()
  if (!COMMA_NUMBER.test(t)) return undefined
  const v = Number(t.replaceAll('.', '').replace(',', '.'))
  return Number.isFinite(v) ? v : undefined
}

/** How a table writes the fraction of its numbers: 1.5 or 1,5. */
export type DecimalMark = 'point' | 'comma'

/** The cell parser for numbers written with `mark`. */
export const numberParser = (mark: DecimalMark): ((text: string) => number | undefined) => (mark === 'comma' ? parseCommaNumber : parseNumber)

const CELL_NUMBER: Record<DecimalMark, (text: string) => number | undefined> = {
  point: (text) => parseNumber(text) ?? parseFormatted(text, 'point')?.value,
  comma: (text) => parseCommaNumber(text) ?? parseFormatted(text, 'comma')?.value,
}

/**
 * The reader of a cell's number written with `mark`, one taken alone: a plain number first (the fast
 * path), else one a spreadsheet formatted with any sign ("$1,200", "45%"; formatted-numbers.ts).
 */
export const cellNumber = (mark: DecimalMark): ((text: string) => number | undefined) => CELL_NUMBER[mark]

/** Cells read as missing, compared after trimming and ignoring case. */
export const DEFAULT_MISSING_TOKENS = ['', 'na', 'n/a', 'nan', 'null', 'none', '?']

/** A missing-token test from the defaults plus user tokens (a comma-separated list). */
export function missingTokens(extra = ''): (text: string) => boolean {
  const set = new Set(DEFAULT_MISSING_TOKENS)
  for (const t of extra.split(',')) if (t.trim()) set.add(t.trim().toLowerCase())
  const longest = Math.max(...[...set].map((t) => t.length))
  // Fast path for the common case (called once per cell): a long cell without edge spaces is no token.
  return (text) => {
    if (text.length > longest && text.charCodeAt(0) > 32 && text.charCodeAt(text.length - 1) > 32) return false
    return set.has(text.trim().toLowerCase())
  }
}

/**
 * Sorts category names the way scikit-learn's encoders do: numerically when every name is
 * a number, otherwise by code unit (locale-independent, so results match on every machine).
 */
export function sortCategories(names: Iterable<string>): string[] {
  const list = [...new Set(names)]
  if (list.every((n) => parseNumber(n) !== undefined)) return list.sort((a, b) => parseNumber(a)! - parseNumber(b)!)
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A categorical column from cell texts (undefined = missing), with sorted categories. */
export function categoricalFromTexts(
  name: string,
  texts: readonly (string | undefined)[],
  role: ColumnRole = 'feature',
): CategoricalColumn {
  const categories = sortCategories(texts.filter((t): t is string => t !== undefined))
  const index = new Map(categories.map((c, i) => [c, i]))
  const codes = new Int32Array(texts.length)
  for (let i = 0; i < texts.length; i++) codes[i] = texts[i] === undefined ? -1 : index.get(texts[i]!)!
  return { name, type: 'categorical', role, codes, categories }
}

/** The texts of a categorical column's cells (undefined = missing). */
export function columnTexts(c: Column): (string | undefined)[] {
  if (c.type === 'categorical') return Array.from(c.codes, (k) => (k < 0 ? undefined : c.categories[k]))
  return Array.from(c.values, (v) => (Number.isNaN(v) ? undefined : String(v)))
}

/**
 * A categorical column over a given category list, with labels not in it appended in sorted
 * order. Fitting and replaying steps use it so every split, and rows scored later, share codes.
 */
export function categoricalWith(
  name: string,
  texts: readonly (string | undefined)[],
  role: ColumnRole,
  base: readonly string[],
): CategoricalColumn {
  const known = new Set(base)
  const extra = sortCategories(texts.filter((t): t is string => t !== undefined && !known.has(t)))
  const categories = [...base, ...extra]
  const index = new Map(categories.map((c, i) => [c, i]))
  const codes = Int32Array.from(texts, (t) => (t === undefined ? -1 : index.get(t)!))
  return { name, type: 'categorical', role, codes, categories }
}

/**
 * Re-labels a column's categories (undefined = becomes missing), merging equal labels. The new
 * list comes from every category, present in these rows or not, so splits stay aligned.
 */
export function relabel(c: CategoricalColumn, map: (category: string) => string | undefined): CategoricalColumn {
  const mapped = c.categories.map(map)
  const categories = sortCategories(mapped.filter((m): m is string => m !== undefined))
  const index = new Map(categories.map((x, i) => [x, i]))
  const codes = Int32Array.from(c.codes, (k) => (k < 0 || mapped[k] === undefined ? -1 : index.get(mapped[k]!)!))
  return { ...c, codes, categories }
}

/**
 * A numeric copy of a column; categorical cells must spell numbers, plain or formatted ("$1,200", "45%"),
 * or the message names one that does not.
 */
export function toNumeric(c: Column): NumericColumn {
  if (c.type === 'numeric') return c
  const parsed = c.categories.map(cellNumber('point'))
  const bad = c.categories.findIndex((_, k) => parsed[k] === undefined)
  if (bad >= 0) {
    const row = c.codes.indexOf(bad)
    throw new Error(
      `Column "${c.name}" cannot be numeric: row ${row + 1} holds "${c.categories[bad]}", which is not a number. ` +
        'Fix or map that value first (Normalize text), or keep the column categorical.',
    )
  }
  const values = Float64Array.from(c.codes, (k) => (k < 0 ? NaN : parsed[k]!))
  return { name: c.name, type: 'numeric', role: c.role, values }
}

/** A categorical copy of a column; numbers become their decimal text. */
export function toCategorical(c: Column): CategoricalColumn {
  if (c.type === 'categorical') return c
  return categoricalFromTexts(c.name, columnTexts(c), c.role)
}

/**
 * Converts a column to the given type (a no-op when it already has it). With `categories`, a
 * categorical result uses that list first (see categoricalWith), so codes match the fitted table.
 */
export function castColumn(c: Column, type: Column['type'], categories?: readonly string[]): Column {
  if (type === 'numeric') return toNumeric(c)
  if (!categories) return toCategorical(c)
  if (c.type === 'categorical' && c.categories.length === categories.length && c.categories.every((x, i) => x === categories[i])) return c
  return categoricalWith(c.name, columnTexts(c), c.role, categories)
}

/**
 * Parses "a:categorical, b:numeric" (also "a=numeric", one per line) into a map, with a
 * message naming the entry that does not read.
 */
export function parseTypeList(text: string, param = 'types'): Map<string, Column['type']> {
  const out = new Map<string, Column['type']>()
  for (const [name, value] of parsePairs(text, param)) {
    const v = value.toLowerCase()
    const type = v === 'numeric' || v === 'number' ? 'numeric' : v === 'categorical' || v === 'category' ? 'categorical' : undefined
    if (!type) throw new Error(`${param}: "${name}:${value}" — the type must be numeric or categorical.`)
    out.set(name, type)
  }
  return out
}

/**
 * Parses a list of "key=value" or "key:value" pairs separated by commas or new lines.
 * Keys and values are trimmed; an entry without a separator is an error.
 */
export function parsePairs(text: string, param: string, separators = /[=:]/): [string, string][] {
  const pairs: [string, string][] = []
  for (const entry of text.split(/[,\n]/)) {
    if (!entry.trim()) continue
    const m = separators.exec(entry)
    if (!m) throw new Error(`${param}: "${entry.trim()}" needs the form name=value.`)
    const key = entry.slice(0, m.index).trim()
    const value = entry.slice(m.index + 1).trim()
    if (!key) throw new Error(`${param}: "${entry.trim()}" has no name before "${m[0]}".`)
    pairs.push([key, value])
  }
  return pairs
}
