import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { decodeText } from './csv-parse'
import { loadCsv, tableParams, finishLoad, keepMessages, summarizeLoaded } from './load-table'
import { loaderSchema } from './schema-step'

const csvSchema = loaderSchema('data.csv')

/** Loads a CSV or TSV file into a typed table. */
export const csvNode = defineNode({
  type: 'data.csv',
  version: 4,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'CSV file',
  description:
    'Reads a CSV or TSV file (up to 200 MB). It detects the delimiter and header row, understands quoted fields and a byte-order mark, ' +
    'treats empty cells, NA, N/A, NaN, null, None and ? as missing, and makes a column numeric when every value is a number (also as spreadsheets format them: $1,234.50, 45%, 1.234,5 €), ' +
    'categorical otherwise (override with Column types); text is kept exactly as written (see Normalize text). The target is the last column unless you choose another; ID columns are kept but never used as features.',
  inputs: {},
  outputs: { data: port.dataset() },
  replays: [csvSchema],
  params: () => ({
    path: p.file({ title: 'File', description: 'A .csv or .tsv file.', accept: ['.csv', '.tsv', '.txt'] }),
    ...tableParams,
  }),
  fileParams: ['path'],
  async run(_inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const file = ctx.files.path
    if (!params.path || !file) throw new Error('Choose a CSV file to read.')
    const text = decodeText(file.bytes, `The file "${file.name}"`)
    return finishLoad(await loadCsv(text, params, { ...ctx, log }), log, csvSchema)
  },
  summarize: summarizeLoaded,
})
