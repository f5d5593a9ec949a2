import Papa from 'papaparse'
import { parseNumber } from '../../ml/table/cast'

/** CSV text → rows of cell texts, parsed in chunks so big files report progress, can be cancelled and stream into typed columns. */

export type DelimiterChoice = 'auto' | 'comma' | 'semicolon' | 'tab' | 'pipe'
export type HeaderChoice = 'auto' | 'yes' | 'no'

const DELIMITERS: Record<Exclude<DelimiterChoice, 'auto'>, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' }

/** Where parsed rows go once the header is known (see `tableBuilder`). */
export interface RowSink {
  /** One data row with as many cells as the header; `line` is its first line in the file. */
  push(row: readonly string[], line: number): void
}

export interface ParsedShape {
  header: string[]
  delimiter: string
  hasHeader: boolean
}

export interface ParseHooks {
  signal?: AbortSignal
  progress?: (fraction: number, message: string) => void
  /** Characters per chunk; small values are for tests. */
  chunkSize?: number
}

/**
 * The most columns a table may have. Each column costs typed arrays sized for its rows plus
 * bookkeeping (about 12 KB before the first row); a million columns would exhaust memory
 * long before failing on their own, so wider files are refused at the header.
 */
export const MAX_COLUMNS = 20_000

/** The largest file the loaders accept; bigger tables do not fit a browser tab's memory. */
export const MAX_BYTES = 200 * 1024 * 1024

/** Refuses bytes over the size cap, before any parsing. */
export function refuseLarge(bytes: Uint8Array, what = 'The file'): Uint8Array {
  if (bytes.byteLength > MAX_BYTES) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`
    throw new Error(`${what} is ${mb(bytes.byteLength)}; the limit is ${mb(MAX_BYTES)}. Use a smaller sample of the data.`)
  }
  return bytes
}

/** Decodes file bytes (UTF-8, or UTF-16 by its byte-order mark), refusing files over the size cap. */
export function decodeText(bytes: Uint8Array, what = 'The file'): string {
  return new TextDecoder(textEncoding(bytes)).decode(refuseLarge(bytes, what))
}

/**
 * UTF-16 when a byte-order mark says so (Excel's "Unicode text" export) or when every other
 * byte of the start is NUL (UTF-16 without a mark, mostly ASCII text); UTF-8 otherwise.
 * TextDecoder drops the mark itself.
 */
function textEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  const n = Math.min(bytes.length, 1024) & ~1
  if (n < 4) return 'utf-8'
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++
    if (bytes[i + 1] === 0) oddNul++
  }
  const half = n / 2
  if (oddNul > 0.9 * half && evenNul === 0) return 'utf-16le'
  if (evenNul > 0.9 * half && oddNul === 0) return 'utf-16be'
  return 'utf-8'
}

/** Picks comma, semicolon, tab or pipe from the first lines (papaparse's guesser, limited to those). */
export function detectDelimiter(text: string): string {
  const sample = Papa.parse<string[]>(text.slice(0, 64 * 1024), {
    preview: 50,
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: true,
  })
  return sample.meta.delimiter || ','
}

const countNewlines = (row: string[]) => {
  let n = 0
  for (const cell of row) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++
  return n
}

const isBlank = (row: string[]) => row.length === 1 && row[0].trim() === ''

/** Rows read before deciding whether the first row is a header. */
const HEADER_SAMPLE = 200

/**
 * Parses CSV text in chunks, streaming data rows into the sink that `open` returns once the
 * header is known. Malformed input throws a message with the line number.
 */
export async function parseCsvText(
  input: string,
  opts: { delimiter: DelimiterChoice; header: HeaderChoice },
  open: (header: string[]) => RowSink,
  hooks: ParseHooks = {},
): Promise<ParsedShape> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  if (text.trim() === '') throw new Error('The file is empty: it has no rows to read.')
  const delimiter = opts.delimiter === 'auto' ? detectDelimiter(text) : DELIMITERS[opts.delimiter]

  let first: string[] | undefined
  let shape: ParsedShape | undefined
  let sink: RowSink | undefined
  const pending: { row: string[]; line: number }[] = []
  let dataRows = 0
  let line = 1
  let failure: Error | undefined

  // Decides the header from the first row and the rows buffered so far, then flushes them.
  const start = () => {
    const sample = first!.map((_, j) => pending.map((p) => p.row[j]))
    const hasHeader = opts.header === 'yes' || (opts.header === 'auto' && looksLikeHeader(first!, sample))
    const header = hasHeader ? headerNames(first!) : first!.map((_, j) => `column_${j + 1}`)
    shape = { header, delimiter, hasHeader }
    sink = open(header)
    if (!hasHeader) sink.push(first!, 1)
    for (const p of pending) sink.push(p.row, p.line)
    pending.length = 0
  }

  const takeRows = (rows: string[][]) => {
    for (const row of rows) {
      const rowLine = line
      line += 1 + countNewlines(row)
      if (isBlank(row)) continue
      if (!first) {
        first = row
        if (first.every((cell) => cell.trim() === '')) {
          throw new Error('The file has no columns: its first row holds only delimiters. Remove empty leading rows.')
        }
        if (first.length > MAX_COLUMNS) {
          throw new Error(`The file has ${first.length} columns; the limit is ${MAX_COLUMNS}. Select fewer columns before exporting it.`)
        }
        continue
      }
      if (row.length !== first.length) {
        throw new Error(
          `Line ${rowLine} has ${row.length} field${row.length === 1 ? '' : 's'}, expected ${first.length} ` +
            `(as in the first row). Check for a missing or extra "${delimiter === '\t' ? 'tab' : delimiter}" or an unquoted value that contains it.`,
        )
      }
      dataRows++
      if (sink) sink.push(row, rowLine)
      else {
        pending.push({ row, line: rowLine })
        if (pending.length >= HEADER_SAMPLE) start()
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter,
      chunkSize: hooks.chunkSize ?? 4 * 1024 * 1024,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          if (hooks.signal?.aborted) throw new Error('Cancelled while reading the file.')
          const quote = result.errors.find((e: Papa.ParseError) => e.code === 'MissingQuotes')
          if (quote) {
            const before = result.data.slice(0, quote.row ?? 0)
            const quoteLine = line + before.reduce((n: number, r: string[]) => n + 1 + countNewlines(r), 0)
            throw new Error(`Line ${quoteLine}: a quoted field is never closed (a " without its closing ").`)
          }
          takeRows(result.data)
        } catch (e) {
          failure = e as Error
          parser.abort()
          return
        }
        hooks.progress?.(Math.min(1, result.meta.cursor / text.length), `read ${line - 1} lines`)
        // Yield between chunks so the host stays responsive and a cancel can land.
        parser.pause()
        setTimeout(() => parser.resume(), 0)
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (e: Error) => reject(e),
    })
  })

  if (!first) throw new Error('The file is empty: it has no rows to read.')
  if (!sink) start()
  if (shape!.hasHeader && dataRows === 0) throw new Error('The file has a header row but no data rows.')
  return shape!
}

/**
 * A first row is a header when none of its cells is a number and either some column below
 * it is numeric, or none of its cells reappears in its column (like Python's csv.Sniffer).
 */
export function looksLikeHeader(first: string[], columns: string[][]): boolean {
  if (first.some((cell) => parseNumber(cell) !== undefined)) return false
  const sample = columns.map((c) => c.slice(0, 200).filter((v) => v.trim() !== ''))
  const numericBelow = sample.some((c) => c.length > 0 && c.every((v) => parseNumber(v) !== undefined))
  if (numericBelow) return true
  return first.every((cell, j) => cell.trim() !== '' && !sample[j].includes(cell))
}

/** Trimmed header names; blanks become column_N and repeats get .1, .2 (as pandas does). */
export function headerNames(first: string[]): string[] {
  const seen = new Map<string, number>()
  return first.map((cell, j) => {
    const base = cell.trim() || `column_${j + 1}`
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    return n === 0 ? base : `${base}.${n}`
  })
}
