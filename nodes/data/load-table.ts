import type { Logger, NodeContext } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Dataset } from '../../runtime/values/dataset'
import { missingTokens } from '../shared/table-cast'
import { parseCsvText } from './csv-parse'
import { tableBuilder, type TableBuilder } from './infer-columns'

/** The params every table loader shares (CSV file, URL): how to read cells and which column is what. */
export const tableParams = {
  delimiter: p.select(['auto', 'comma', 'semicolon', 'tab', 'pipe'], {
    default: 'auto',
    title: 'Delimiter',
    description: 'Auto detects comma, semicolon, tab or pipe from the first lines.',
  }),
  header: p.select(['auto', 'yes', 'no'], {
    default: 'auto',
    title: 'Header row',
    description: 'Auto: the first row is a header when it holds no numbers but the rows below do.',
  }),
  target: p.column({ title: 'Target column', description: 'The column to predict. Empty: the last column.' }),
  noTarget: p.bool({ default: false, title: 'No target', description: 'Unsupervised data: no column is the target.' }),
  ids: p.columns({ emptyMeans: 'none', title: 'ID columns', description: 'Columns that identify rows; never used as features.' }),
  types: p.text({
    default: '',
    title: 'Column types',
    description: 'Overrides of the inferred types, e.g. "zip:categorical, age:numeric". A 0/1 target read as numbers means regression: make it categorical for classification.',
  }),
  missing: p.text({
    default: '',
    title: 'Extra missing-value tokens',
    description: 'Comma-separated; empty cells, NA, N/A, NaN, null, None and ? are always missing.',
    advanced: true,
  }),
}

export interface TableParams {
  delimiter: 'auto' | 'comma' | 'semicolon' | 'tab' | 'pipe'
  header: 'auto' | 'yes' | 'no'
  target: string
  noTarget: boolean
  ids: string[]
  types: string
  missing: string
}

/** Parses CSV text with the loader params into a typed dataset, reporting progress on `ctx`. */
export async function loadCsv(text: string, params: TableParams, ctx: Pick<NodeContext, 'signal' | 'progress'>): Promise<Dataset> {
  const options = { ...params, isMissing: missingTokens(params.missing) }
  let table: TableBuilder | undefined
  await parseCsvText(
    text,
    { delimiter: params.delimiter, header: params.header },
    (header) => (table = tableBuilder(header, options, (line) => `line ${line}`)),
    { signal: ctx.signal, progress: (f, m) => ctx.progress(0.95 * f, m) },
  )
  return table!.build()
}

/** Models need numbers: say so at load time when no feature column is numeric. */
export function warnIfNoNumeric(d: Dataset, log: Logger): Dataset {
  if (!d.columns.some((c) => c.role === 'feature' && c.type === 'numeric')) {
    log.warn('No feature column is numeric: add a One-hot or Ordinal encoding node (or Cast column types) before a model.')
  }
  return d
}
