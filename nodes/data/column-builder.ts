import type { Column } from '../../runtime/values/dataset'
import { parseNumber, sortCategories } from '../shared/table-cast'

/**
 * Builds one typed column from cell texts as they stream in, so a big file is never held as
 * one string per cell: a column stays a Float64Array while every cell is a number, and turns
 * into dictionary codes at its first non-number (earlier numbers become their decimal text).
 */
export interface ColumnBuilder {
  /** Adds a cell; `at` locates it in messages (a line or record number). */
  push(text: string, at: number): void
  build(): Column
}

export interface BuilderOptions {
  isMissing: (text: string) => boolean
  /** A forced type; undefined infers one. */
  type?: Column['type']
  /** Says where cell `at` is, e.g. "line 17". */
  where: (at: number) => string
}

function grow<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (n < a.length) return a
  const b = new (a.constructor as { new (n: number): T })(Math.max(1024, a.length * 2))
  b.set(a)
  return b
}

export function columnBuilder(name: string, opts: BuilderOptions): ColumnBuilder {
  let n = 0
  let numbers: Float64Array | undefined = opts.type === 'categorical' ? undefined : new Float64Array(1024)
  let codes = new Int32Array(numbers ? 0 : 1024)
  const index = new Map<string, number>()
  const labels: string[] = []

  const code = (label: string) => {
    let k = index.get(label)
    if (k === undefined) index.set(label, (k = labels.push(label) - 1))
    return k
  }

  const toCategorical = () => {
    codes = new Int32Array(Math.max(1024, numbers!.length))
    for (let i = 0; i < n; i++) codes[i] = Number.isNaN(numbers![i]) ? -1 : code(String(numbers![i]))
    numbers = undefined
  }

  return {
    push(text, at) {
      const missing = opts.isMissing(text)
      if (numbers) {
        const v = missing ? NaN : parseNumber(text)
        if (v !== undefined) {
          numbers = grow(numbers, n)
          numbers[n++] = v
          return
        }
        if (opts.type === 'numeric') {
          throw new Error(
            `Column "${name}" was set to numeric, but ${opts.where(at)} holds "${text}". ` +
              'Remove that override, add the value to the missing-value tokens, or fix the data.',
          )
        }
        toCategorical()
      }
      codes = grow(codes, n)
      codes[n++] = missing ? -1 : code(text)
    },
    build() {
      if (numbers) return { name, type: 'numeric', role: 'feature', values: numbers.slice(0, n) }
      // Categories sorted as the encoders expect; codes renumbered to match.
      const categories = sortCategories(labels)
      const rank = new Int32Array(labels.length)
      const sortedIndex = new Map(categories.map((c, i) => [c, i]))
      labels.forEach((l, k) => (rank[k] = sortedIndex.get(l)!))
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i] = codes[i] < 0 ? -1 : rank[codes[i]]
      return { name, type: 'categorical', role: 'feature', codes: out, categories }
    },
  }
}
