import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { refuseLarge } from './csv-parse'
import { datasetFromRows } from './load-rows'
import { columnParams, headerParams, finishLoad, keepMessages, summarizeLoaded } from './load-table'
import { loaderSchema } from './schema-step'

type Cell = unknown
type Row = Cell[]

const excelSchema = loaderSchema('data.excel')

/** Spreadsheet rows without the empty rows and columns around a table; `sheetRows` keeps each row's number in the sheet. */
export function trimSheet(data: Row[]): { rows: Row[]; sheetRows: number[] } {
  const filled = (v: Cell) => v !== null && v !== undefined && v !== ''
  const used: boolean[] = []
  const rows: Row[] = []
  const sheetRows: number[] = []
  data.forEach((row, i) => {
    if (!row.some(filled)) return
    row.forEach((v, j) => (used[j] ||= filled(v)))
    rows.push(row)
    sheetRows.push(i + 1)
  })
  const keep = used.flatMap((u, j) => (u ? [j] : []))
  return { rows: rows.map((r) => keep.map((j) => r[j] ?? null)), sheetRows }
}

/** Reads one sheet of an .xlsx workbook (the library loads only when the node runs). */
async function readSheetRows(bytes: Uint8Array, sheet: string, name: string): Promise<Row[]> {
  refuseLarge(bytes, `The file "${name}"`)
  const { readSheet, default: readAll } = await import('read-excel-file/universal')
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  try {
    if (sheet) return (await readSheet(buffer, /^\d+$/.test(sheet) ? Number(sheet) : sheet)) as Row[]
    return ((await readAll(buffer))[0]?.data ?? []) as Row[]
  } catch (e) {
    const message = (e as Error).message
    if (/Sheet not found/i.test(message)) throw new Error(`The workbook "${name}" has no sheet "${sheet}". ${message.replace(/^.*?Available/, 'Available')}.`)
    throw new Error(`The file "${name}" could not be read as an Excel workbook (.xlsx): ${message}. Save it as .xlsx (Excel 2007 or later) or CSV.`)
  }
}

/** Loads one sheet of an Excel workbook into a typed table. */
export const excelNode = defineNode({
  type: 'data.excel',
  version: 2,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'Excel file',
  description:
    'Reads one sheet of an .xlsx workbook (the first unless you name one). Empty rows and columns around the table are skipped; the first row is the header ' +
    'when it holds no numbers but the rows below do. Numbers, text, true/false and dates (as ISO text) are read as in a CSV file: same missing values, ' +
    'column types (a few stray texts in a number column become missing, with a warning naming their rows), target and ID columns.',
  inputs: {},
  outputs: { data: port.dataset() },
  replays: [excelSchema],
  params: () => ({
    path: p.file({ title: 'File', description: 'An .xlsx workbook.', accept: ['.xlsx'] }),
    sheet: p.text({ default: '', maxLength: 200, title: 'Sheet', description: 'Sheet name or number (1 = first). Empty: the first sheet.' }),
    ...headerParams,
    ...columnParams,
  }),
  fileParams: ['path'],
  async run(_inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const file = ctx.files.path
    if (!params.path || !file) throw new Error('Choose an Excel (.xlsx) file to read.')
    ctx.progress(0, 'reading the workbook')
    const { rows, sheetRows } = trimSheet(await readSheetRows(file.bytes, params.sheet.trim(), file.name))
    if (rows.length === 0) throw new Error(`The sheet${params.sheet ? ` "${params.sheet}"` : ''} of "${file.name}" is empty.`)
    const data = datasetFromRows({ rows, where: (i) => `row ${sheetRows[i]}` }, params, log)
    return finishLoad(data, log, excelSchema)
  },
  summarize: summarizeLoaded,
})
