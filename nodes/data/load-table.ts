import type { Logger, NodeContext, Values } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Dataset } from '../../runtime/values/dataset'
import { describeTable } from '../../ml/table/table'
import { missingTokens } from '../../ml/table/cast'
import { parseCsvText } from './csv-parse'
import { tableBuilder, type InferOptions, type TableBuilder } from './infer-columns'
import { schemaStep, type LoaderSchema } from './schema-step'

/** The params every table loader shares (CSV, Excel, Parquet, JSON, SQL, URL): which column is what. */
export const columnParams = {
  target: p.column({ title: 'Target column', description: 'The column to predict. Empty: the last column.' }),
  noTarget: p.bool({ default: false, title: 'No target', description: 'Unsupervised data: no column is the target.' }),
  ids: p.columns({ emptyMeans: 'none', title: 'ID columns', description: 'Columns that identify rows; never used as features.' }),
  types: p.text({
    default: '',
    title: 'Column types',
    description:
      'Overrides of the inferred types, e.g. "zip:categorical, age:numeric". A column of numbers with a few stray texts ' +
      '(at most 5% of its cells) stays numeric and those cells are missing; "name:categorical" keeps them as text.',
  }),
  missing: p.text({
    default: '',
    title: 'Extra missing-value tokens',
    description: 'Comma-separated; empty cells, NA, N/A, NaN, null, None and ? are always missing.',
    advanced: true,
  }),
}

const headerParam = p.select(['auto', 'yes', 'no'], {
  default: 'auto',
  title: 'Header row',
  description: 'Auto: the first row is a header when it holds no numbers but the rows below do.',
})

/** Loaders whose first row may or may not name the columns (CSV, Excel). */
export const headerParams = { header: headerParam }

/** The params of text-table loaders (CSV file, URL). */
export const tableParams = {
  delimiter: p.select(['auto', 'comma', 'semicolon', 'tab', 'pipe'], {
    default: 'auto',
    title: 'Delimiter',
    description: 'Auto detects comma, semicolon, tab or pipe from the first lines.',
  }),
  header: headerParam,
  decimal: p.select(['auto', 'point', 'comma'], {
    default: 'auto',
    title: 'Decimal mark',
    description:
      'How numbers write their fraction: 1.5 (point) or 1,5 (comma, with dots grouping thousands: 1.234,5). ' +
      'Auto: a comma when the file is not comma-separated and its first rows write numbers that way, as spreadsheets export them in much of Europe.',
  }),
  ...columnParams,
}

export interface ColumnParams {
  target: string
  noTarget: boolean
  ids: string[]
  types: string
  missing: string
}

export interface TableParams extends ColumnParams {
  delimiter: 'auto' | 'comma' | 'semicolon' | 'tab' | 'pipe'
  header: 'auto' | 'yes' | 'no'
  decimal: 'auto' | 'point' | 'comma'
}

/**
 * How the column builders read cells, from the loader params (only the column ones: a table loader's
 * `decimal` may be 'auto', which loadCsv settles); odd cells are reported on `log`.
 */
export function inferOptions({ target, noTarget, ids, types, missing }: ColumnParams, log: Logger): InferOptions {
  return { target, noTarget, ids, types, isMissing: missingTokens(missing), warn: (m) => log.warn(m), info: (m) => log.info(m) }
}

/** Parses CSV text with the loader params into a typed dataset, reporting progress on `ctx`. */
export async function loadCsv(text: string, params: TableParams, ctx: Pick<NodeContext, 'signal' | 'progress' | 'log'>): Promise<Dataset> {
  const options = inferOptions(params, ctx.log)
  let table: TableBuilder | undefined
  const shape = await parseCsvText(
    text,
    { delimiter: params.delimiter, header: params.header, decimal: params.decimal },
    (header, decimal) => (table = tableBuilder(header, { ...options, decimal }, (line) => `line ${line}`)),
    { signal: ctx.signal, progress: (f, m) => ctx.progress(0.95 * f, m) },
  )
  if (params.decimal === 'auto' && shape.decimal === 'comma') {
    ctx.log.info('Numbers are read with a decimal comma (1,5 is 1.5; dots group thousands), as the first rows write them. Set Decimal mark to change this.')
  }
  return table!.build()
}

/** Models need numbers: say so at load time when no feature column is numeric. */
export function warnIfNoNumeric(d: Dataset, log: Logger): Dataset {
  if (!d.columns.some((c) => c.role === 'feature' && c.type === 'numeric')) {
    log.warn('No feature column is numeric: add a One-hot or Ordinal encoding node (or Cast column types) before a model.')
  }
  return d
}

/** A loader's messages: how it read the cells (decimal commas, formatted numbers) and what it could not read. */
interface LoadMessages {
  notes: string[]
  warnings: string[]
}

/**
 * A logger that also keeps what it is told, so the loader's summary can repeat it: a cached result
 * shows how its file was read, and its dirty cells, long after the run's log is gone.
 */
export function keepMessages(log: Logger): Logger & LoadMessages {
  const kept: LoadMessages = { notes: [], warnings: [] }
  return {
    info: (m) => {
      kept.notes.push(m)
      log.info(m)
    },
    warn: (m) => {
      kept.warnings.push(m)
      log.warn(m)
    },
    ...kept,
  }
}

/** Messages of loaded tables, from `run` to `summarize` (called right after it on the same value). */
const loadMessages = new WeakMap<Dataset, LoadMessages>()

/**
 * A loader's outputs: the table with the loader's schema step as its lineage; warns when no
 * feature is numeric and keeps the messages for `summarizeLoaded`.
 */
export function finishLoad(read: Dataset, log: Logger & LoadMessages, schema: LoaderSchema): { data: Dataset } {
  const d = { ...read, steps: [schemaStep(read, schema)] }
  warnIfNoNumeric(d, log)
  loadMessages.set(d, { notes: [...log.notes], warnings: [...log.warnings] })
  return { data: d }
}

/** A loader's summary: size, target and task, column types, missing cells, and its messages: notes (how it read numbers), warnings (dirty cells). */
export function summarizeLoaded(outputs: Values): Record<string, unknown> {
  const d = outputs.data as Dataset
  const { notes = [], warnings = [] } = loadMessages.get(d) ?? {}
  return { ...describeTable(d), ...(notes.length ? { notes } : {}), ...(warnings.length ? { warnings } : {}) }
}
