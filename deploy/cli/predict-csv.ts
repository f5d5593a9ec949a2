import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import Papa from 'papaparse'
import type { DecimalMark } from '../../ml/table/cast'
import { detectDecimal, detectDelimiter } from '../../nodes/data/csv-parse'
import { outputCells, outputColumns } from '../scorer/output-columns'
import type { Scorer } from '../scorer/scorer'

/** The delimiter and decimal mark the CSV loader would pick, from the file's first 64 KB. */
async function sniffFormat(path: string): Promise<{ delimiter: string; decimal: DecimalMark }> {
  const file = await open(path)
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0)
    const text = buffer.subarray(0, bytesRead).toString('utf8')
    const delimiter = detectDelimiter(text)
    const sample = Papa.parse<string[]>(text, { delimiter, preview: 201, skipEmptyLines: 'greedy' }).data
    return { delimiter, decimal: detectDecimal(delimiter, sample) }
  } finally {
    await file.close()
  }
}

/** Rows scored at once: big enough to amortize the per-call cost, small enough to keep memory flat. */
const BATCH = 4096

/** A CSV field, quoted when it holds a quote, a delimiter, a line break or edge spaces (as papaparse's unparse). */
function field(v: string | number, delimiter: string): string {
  const t = String(v)
  const plain = !t.includes('"') && !t.includes(delimiter) && !t.includes('\n') && !t.includes('\r')
  if (plain && t[0] !== ' ' && t[t.length - 1] !== ' ') return t
  return `"${t.replaceAll('"', '""')}"`
}

const line = (cells: readonly (string | number)[], delimiter: string) => cells.map((c) => field(c, delimiter)).join(delimiter) + '\n'

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', () => r()))
}

export interface PredictProgress {
  (bytesRead: number, totalBytes: number, rows: number): void
}

/**
 * Scores a CSV file into another, streaming: rows are parsed, scored and written in batches,
 * so memory stays flat however big the file is. Output rows: the input cells, the prediction
 * and the class probabilities. Written to a temporary file and renamed when complete.
 */
export async function predictCsv(scorer: Scorer, input: string, output: string, progress?: PredictProgress): Promise<number> {
  const total = (await stat(input)).size
  const { delimiter, decimal } = await sniffFormat(input)
  const source = createReadStream(input)
  const tmp = `${output}.tmp-${process.pid}`
  const sink = createWriteStream(tmp)
  const model = scorer.bundle.model
  let header: string[] | undefined
  let batch: string[][] = []
  let rows = 0

  const flush = async () => {
    if (!batch.length) return
    const out = scorer.scoreCells(header!, batch, rows + 1, decimal)
    if (rows === 0) await write(sink, line([...header!, ...outputColumns(model, out)], delimiter))
    let text = ''
    for (let i = 0; i < batch.length; i++) text += line([...batch[i], ...outputCells(model, out, i, decimal)], delimiter)
    await write(sink, text)
    rows += batch.length
    batch = []
    progress?.(source.bytesRead, total, rows)
  }

  try {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(source, {
        skipEmptyLines: 'greedy',
        delimiter,
        chunk(result, parser) {
          parser.pause()
          for (const row of result.data) {
            if (!header) header = row.map((h, j) => (j === 0 ? h.replace(/^\uFEFF/, '') : h))
            else batch.push(row)
          }
          const next = batch.length >= BATCH ? flush() : Promise.resolve()
          next.then(() => parser.resume(), (e) => (parser.abort(), reject(e)))
        },
        complete: () => resolve(),
        error: (e) => reject(e),
      })
    })
    if (!header) throw new Error(`${input} is empty: it has no header row.`)
    await flush()
    if (rows === 0) await write(sink, line([...header, ...outputColumns(model)], delimiter))
    await new Promise<void>((r, j) => sink.end((e?: Error | null) => (e ? j(e) : r())))
    await rename(tmp, output)
    return rows
  } catch (e) {
    sink.destroy()
    source.destroy()
    await rm(tmp, { force: true })
    throw e
  }
}
