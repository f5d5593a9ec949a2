import Papa from 'papaparse'
import { cellNumber, parseNumber, type DecimalMark } from '../../ml/table/cast'

/** CSV text → rows of cell texts, parsed in chunks so big files report progress, can be cancelled and stream into typed columns. */

export type DelimiterChoice = 'auto' | 'comma' | 'semicolon' | 'tab' | 'pipe'
export type HeaderChoice = 'auto' | 'yes' | 'no'
export type DecimalChoice = 'auto' | DecimalMark

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
  /** How the file writes fractions, as given or detected (`detectDecimal`). */
  decimal: DecimalMark
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

const GUESSED = [',', ';', '\t', '|']
const SAMPLE_CHARS = 64 * 1024

/** Share of the sample's rows (up to 50) as wide as its first row when split at `delimiter`; 0 when that row is one field. */
function evenness(sample: string, delimiter: string, cut: boolean): number {
  const rows = Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: true }).data
  // The sample's last row may be cut short at SAMPLE_CHARS.
  if (cut && rows.length > 1) rows.pop()
  const width = rows[0]?.length ?? 0
  return width < 2 ? 0 : rows.filter((r) => r.length === width).length / rows.length
}

/**
 * Picks comma, semicolon, tab or pipe from the first lines: the one that splits every row into as many fields
 * as the first row. Papaparse's guess alone took a semicolon file for comma-separated when its header names
 * held commas and its numbers decimal commas (`m 1 (raw, cm);m 2 (raw, cm)` over `6,42;-1,44`). Ties go to papaparse's guess
 * unless that is the comma: a file whose every row splits evenly at semicolons (or tabs, pipes) is separated by
 * them, and its commas are decimal commas.
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS)
  const guess = Papa.parse<string[]>(sample, { preview: 50, delimitersToGuess: GUESSED, skipEmptyLines: true }).meta.delimiter || ','
  const order = [...(guess === ',' ? [] : [guess]), ...GUESSED.filter((d) => d !== ',' && d !== guess), ',']
  let best = guess
  let most = -1
  for (const d of order) {
    const share = evenness(sample, d, text.length > SAMPLE_CHARS)
    if (share > most) [best, most] = [d, share]
  }
  return most > 0 ? best : guess
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
  opts: { delimiter: DelimiterChoice; header: HeaderChoice; decimal?: DecimalChoice },
  open: (header: string[], decimal: DecimalMark) => RowSink,
  hooks: ParseHooks = {},
): Promise<ParsedShape> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  if (text.trim() === '') throw new Error('The file is empty: it has no rows to read.')
  const delimiter = opts.delimiter === 'auto' ? detectDelimiter(text) : DELIMITERS[opts.delimiter]
  const reader = new RowReader(opts.header, delimiter, opts.decimal ?? 'auto', open)
  await readChunks(text, delimiter, reader, hooks)
  return reader.finish()
}

/** Runs papaparse over the text chunk by chunk into `reader`, yielding between chunks; rejects with the first error. */
function readChunks(text: string, delimiter: string, reader: RowReader, hooks: ParseHooks): Promise<void> {
  let failure: Error | undefined
  return new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter,
      chunkSize: hooks.chunkSize ?? 4 * 1024 * 1024,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          if (hooks.signal?.aborted) throw new Error('Cancelled while reading the file.')
          const quote = result.errors.find((e: Papa.ParseError) => e.code === 'MissingQuotes')
          if (quote) {
            const before = result.data.slice(0, quote.row ?? 0)
            const quoteLine = reader.line + before.reduce((n: number, r: string[]) => n + 1 + countNewlines(r), 0)
            throw new Error(`Line ${quoteLine}: a quoted field is never closed (a " without its closing ").`)
          }
          reader.take(result.data)
        } catch (e) {
          failure = e as Error
          parser.abort()
          return
        }
        hooks.progress?.(Math.min(1, result.meta.cursor / text.length), `read ${reader.line - 1} lines`)
        // Yield between chunks so the host stays responsive and a cancel can land.
        parser.pause()
        setTimeout(() => parser.resume(), 0)
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (e: Error) => reject(e),
    })
  })
}

/**
 * Takes parsed rows in file order: the first non-blank row, then up to HEADER_SAMPLE rows held back
 * until the header is decided, then every row straight into the sink. Counts file lines (a quoted
 * cell may span several) so messages name the line.
 */
class RowReader {
  /** The file line the next row starts on. */
  line = 1
  private first: string[] | undefined
  private shape: ParsedShape | undefined
  private sink: RowSink | undefined
  private readonly pending: { row: string[]; line: number }[] = []
  private dataRows = 0

  constructor(
    private readonly header: HeaderChoice,
    private readonly delimiter: string,
    private readonly decimal: DecimalChoice,
    private readonly open: (header: string[], decimal: DecimalMark) => RowSink,
  ) {}

  take(rows: string[][]): void {
    for (const row of rows) {
      const rowLine = this.line
      this.line += 1 + countNewlines(row)
      if (isBlank(row)) continue
      if (!this.first) {
        this.first = firstRow(row)
        continue
      }
      if (row.length !== this.first.length) throw this.widthError(row, rowLine)
      this.dataRows++
      if (this.sink) this.sink.push(row, rowLine)
      else {
        this.pending.push({ row, line: rowLine })
        if (this.pending.length >= HEADER_SAMPLE) this.start()
      }
    }
  }

  /** The shape once every row is in; throws when there was no row, or a header and no data row. */
  finish(): ParsedShape {
    if (!this.first) throw new Error('The file is empty: it has no rows to read.')
    if (!this.sink) this.start()
    if (this.shape!.hasHeader && this.dataRows === 0) throw new Error('The file has a header row but no data rows.')
    return this.shape!
  }

  /** Decides the decimal mark and the header from the first row and the rows held back so far, then flushes them. */
  private start(): void {
    const first = this.first!
    const below = this.pending.map((p) => p.row)
    const decimal = this.decimal === 'auto' ? detectDecimal(this.delimiter, [first, ...below]) : this.decimal
    const { hasHeader, header } = decideHeader(first, below, this.header, cellNumber(decimal))
    this.shape = { header, delimiter: this.delimiter, hasHeader, decimal }
    const sink = (this.sink = this.open(header, decimal))
    if (!hasHeader) sink.push(first, 1)
    for (const p of this.pending) sink.push(p.row, p.line)
    this.pending.length = 0
  }

  private widthError(row: string[], rowLine: number): Error {
    const { delimiter } = this
    const expected = this.first!.length
    return new Error(
      `Line ${rowLine} has ${row.length} field${row.length === 1 ? '' : 's'}, expected ${expected} ` +
        `(as in the first row). Check for a missing or extra "${delimiter === '\t' ? 'tab' : delimiter}" or an unquoted value that contains it.`,
    )
  }
}

/** The first non-blank row, refused when it has no columns or more than MAX_COLUMNS. */
function firstRow(row: string[]): string[] {
  if (row.every((cell) => cell.trim() === '')) {
    throw new Error('The file has no columns: its first row holds only delimiters. Remove empty leading rows.')
  }
  if (row.length > MAX_COLUMNS) {
    throw new Error(`The file has ${row.length} columns; the limit is ${MAX_COLUMNS}. Select fewer columns before exporting it.`)
  }
  return row
}

/**
 * Whether the first row is a header (as `choice` says, or guessed from the rows below it when it is
 * 'auto' or unset) and the column names: the header's, or column_1, column_2, … without one.
 */
export function decideHeader(
  first: string[],
  below: string[][],
  choice: HeaderChoice | undefined,
  parse: (text: string) => number | undefined = parseNumber,
): { hasHeader: boolean; header: string[] } {
  const hasHeader = choice === 'yes' || (choice !== 'no' && looksLikeHeader(first, first.map((_, j) => below.map((r) => r[j])), parse))
  return { hasHeader, header: hasHeader ? headerNames(first) : first.map((_, j) => `column_${j + 1}`) }
}

/**
 * A first row is a header when none of its cells is a number and either some column below
 * it is numeric, or none of its cells reappears in its column (like Python's csv.Sniffer).
 */
function looksLikeHeader(first: string[], columns: string[][], parse: (text: string) => number | undefined): boolean {
  if (first.some((cell) => parse(cell) !== undefined)) return false
  const sample = columns.map((c) => c.slice(0, 200).filter((v) => v.trim() !== ''))
  const numericBelow = sample.some((c) => c.length > 0 && c.every((v) => parse(v) !== undefined))
  if (numericBelow) return true
  return first.every((cell, j) => cell.trim() !== '' && !sample[j].includes(cell))
}

/** Whether `cell` is a number, plain or formatted, written with decimal mark `mark`. */
const readsWith = (mark: DecimalMark, cell: string) => cellNumber(mark)(cell) !== undefined

/**
 * The decimal mark of a file from its first rows: a comma when the file is not comma-separated and more
 * of its cells are numbers written with a decimal comma ("1,5", "1.234,50 €") than with a decimal point
 * ("1.5", "$1,234.50"), as spreadsheets export them in much of Europe; a point otherwise. Cells both
 * read alike ("12", "1.234") say nothing.
 */
export function detectDecimal(delimiter: string, rows: readonly (readonly string[])[]): DecimalMark {
  if (delimiter === ',') return 'point'
  let comma = 0
  let point = 0
  for (const row of rows) {
    for (const cell of row) {
      const commaNumber = cell.includes(',') && readsWith('comma', cell)
      if (commaNumber) comma++
      else if (cell.includes('.') && readsWith('point', cell) && !readsWith('comma', cell)) point++
    }
  }
  return comma > point ? 'comma' : 'point'
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
