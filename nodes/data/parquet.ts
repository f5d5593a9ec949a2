import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { refuseLarge } from './csv-parse'
import { datasetFromRows } from './load-rows'
import { columnParams, finishLoad, keepMessages, summarizeLoaded } from './load-table'
import { loaderSchema } from './schema-step'

const parquetLoaderSchema = loaderSchema('data.parquet')

/** Column names and rows of a Parquet file, every compression codec included (libraries load only when the node runs). */
export async function readParquet(bytes: Uint8Array, name: string, signal: AbortSignal): Promise<{ names: string[]; rows: unknown[][] }> {
  const [{ parquetMetadata, parquetSchema, parquetRead }, { compressors }] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
  ])
  refuseLarge(bytes, `The file "${name}"`)
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  try {
    const metadata = parquetMetadata(file)
    const names = parquetSchema(metadata).children.map((c) => c.element.name)
    let rows: unknown[][] = []
    await parquetRead({ file, metadata, compressors, rowFormat: 'array', onComplete: (r) => (rows = r) })
    if (signal.aborted) throw new Error('Cancelled while reading the file.')
    return { names, rows }
  } catch (e) {
    if (signal.aborted) throw e
    throw new Error(`The file "${name}" could not be read as Parquet: ${(e as Error).message}.`)
  }
}

/** Loads a Parquet file into a typed table. */
export const parquetNode = defineNode({
  type: 'data.parquet',
  version: 2,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'Parquet file',
  description:
    'Reads a Parquet file (any compression: Snappy, gzip, zstd, Brotli, LZ4). Numbers, text, booleans and timestamps (as ISO text) are read as in a CSV file: ' +
    'same missing values, column types (a few stray texts in a number column become missing, with a warning naming their rows), target and ID columns. ' +
    'Nested columns (lists, structs) are refused with their name.',
  inputs: {},
  outputs: { data: port.dataset() },
  replays: [parquetLoaderSchema],
  params: () => ({
    path: p.file({ title: 'File', description: 'A .parquet file.', accept: ['.parquet'] }),
    ...columnParams,
  }),
  fileParams: ['path'],
  async run(_inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const file = ctx.files.path
    if (!params.path || !file) throw new Error('Choose a Parquet file to read.')
    ctx.progress(0, 'reading the file')
    const { names, rows } = await readParquet(file.bytes, file.name, ctx.signal)
    if (rows.length === 0) throw new Error(`The file "${file.name}" has columns ${names.join(', ')} but no rows.`)
    const data = datasetFromRows({ names, rows, where: (i) => `row ${i + 1}` }, params, log)
    return finishLoad(data, log, parquetLoaderSchema)
  },
  summarize: summarizeLoaded,
})
