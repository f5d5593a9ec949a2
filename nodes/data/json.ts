import type { Logger } from '../../runtime/node-api/define-node'
import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Dataset } from '../../runtime/values/dataset'
import { decodeText } from './csv-parse'
import { buildDataset } from './infer-columns'
import { columnParams, inferOptions, finishLoad, keepMessages, summarizeLoaded, type ColumnParams } from './load-table'
import { recordsToColumns } from './records'
import { loaderSchema } from './schema-step'

const jsonSchema = loaderSchema('data.json')

/** "line 3, column 9" for a character offset into `text`. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++, (start = i + 1)
  return `line ${line}, column ${offset - start + 1}`
}

/** Parses JSON text, or JSON Lines (one record per line); a syntax error names its line. */
export function parseJsonText(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === '') throw new Error(`${what} is empty.`)
  try {
    return JSON.parse(body)
  } catch (e) {
    const lines = body.split('\n')
    if (/^\s*\{/.test(body) && lines.filter((l) => l.trim()).length > 1) return parseJsonLines(lines, what)
    const at = /position (\d+)/.exec((e as Error).message)
    const where = at ? ` at ${lineAndColumn(body, Number(at[1]))}` : ''
    throw new Error(`${what} is not valid JSON${where}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}.`)
  }
}

function parseJsonLines(lines: string[], what: string): unknown[] {
  const records: unknown[] = []
  lines.forEach((line, i) => {
    if (!line.trim()) return
    try {
      records.push(JSON.parse(line))
    } catch (e) {
      throw new Error(`${what}, read as JSON Lines, has an invalid record on line ${i + 1}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}.`)
    }
  })
  return records
}

/** JSON text (records, an object holding records, or JSON Lines) → a typed dataset. */
export function loadJson(text: string, params: ColumnParams, log: Logger, what: string): Dataset {
  const { header, columns } = recordsToColumns(parseJsonText(text, what))
  return buildDataset(header, columns, inferOptions(params, log))
}

/** Loads a JSON file of records into a typed table. */
export const jsonNode = defineNode({
  type: 'data.json',
  version: 2,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'JSON file',
  description:
    'Reads a JSON array of records ([{"age": 31, "city": "Paris"}, …]), an object holding one, or JSON Lines (one record per line). ' +
    'Every key becomes a column; null or a missing key is a missing value. Types, target and ID columns as for a CSV file; nested values are refused with their key.',
  inputs: {},
  outputs: { data: port.dataset() },
  replays: [jsonSchema],
  params: () => ({
    path: p.file({ title: 'File', description: 'A .json or .jsonl file.', accept: ['.json', '.jsonl', '.ndjson'] }),
    ...columnParams,
  }),
  fileParams: ['path'],
  run(_inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const file = ctx.files.path
    if (!params.path || !file) throw new Error('Choose a JSON file to read.')
    const what = `The file "${file.name}"`
    return finishLoad(loadJson(decodeText(file.bytes, what), params, log, what), log, jsonSchema)
  },
  summarize: summarizeLoaded,
})
