import type { Database, SqlValue } from 'sql.js'
import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isDataset } from '../../runtime/values/dataset'
import { refuseLarge } from './csv-parse'
import { datasetFromRows } from './load-rows'
import { columnParams, finishLoad, keepMessages, summarizeLoaded } from './load-table'
import { openDatabase } from './sql-engine'
import { createTable, tableNames } from './sql-tables'
import { loaderSchema } from './schema-step'

const sqlSchema = loaderSchema('data.sql')

/** Input ports, each also the name of its table in queries. */
const TABLES = ['a', 'b', 'c'] as const

const SQLITE_HEADER = 'SQLite format 3\0'

function checkDatabase(bytes: Uint8Array, name: string): Uint8Array {
  refuseLarge(bytes, `The file "${name}"`)
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SQLITE_HEADER.length))
  if (head !== SQLITE_HEADER) throw new Error(`The file "${name}" is not an SQLite database (it does not start with "SQLite format 3").`)
  return bytes
}

/** Runs every statement of the query; the last one that returns columns (even no rows) is the result. */
function runQuery(db: Database, query: string): { columns: string[]; values: SqlValue[][] } {
  let result: { columns: string[]; values: SqlValue[][] } | undefined
  try {
    for (const stmt of db.iterateStatements(query)) {
      try {
        const columns = stmt.getColumnNames()
        if (columns.length === 0) {
          stmt.step()
          continue
        }
        const values: SqlValue[][] = []
        while (stmt.step()) values.push(stmt.get())
        result = { columns, values }
      } finally {
        stmt.free()
      }
    }
  } catch (e) {
    const tables = tableNames(db)
    throw new Error(`The query failed: ${(e as Error).message}. Tables: ${tables.length ? tables.join(', ') : '(none: connect a table or choose a database file)'}.`)
  }
  if (!result) throw new Error('The query returned no table: end it with a SELECT statement.')
  return result
}

/** Queries an SQLite database file and the connected tables with SQL. */
export const sqlNode = defineNode({
  type: 'data.sql',
  version: 2,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'SQL query',
  description:
    'Runs an SQL query (SQLite) over an uploaded SQLite database file and over the tables wired to inputs a, b and c, which the query reads as tables ' +
    'named a, b and c (numbers as REAL, categories as TEXT, missing values as NULL). The rows of the last SELECT become the table, typed like a CSV file ' +
    '(target, ID columns, column types). The database file is never changed.',
  inputs: {
    a: port.dataset({ optional: true, label: 'table a' }),
    b: port.dataset({ optional: true, label: 'table b' }),
    c: port.dataset({ optional: true, label: 'table c' }),
  },
  outputs: { data: port.dataset() },
  replays: [sqlSchema],
  params: () => ({
    database: p.file({ title: 'Database file', description: 'An SQLite database (.sqlite, .db); optional when tables are wired in.', accept: ['.sqlite', '.sqlite3', '.db'] }),
    query: p.text({ default: 'SELECT * FROM a', title: 'Query', description: 'SQLite SQL, e.g. SELECT * FROM customers JOIN a USING (id).' }),
    ...columnParams,
  }),
  fileParams: ['database'],
  async run(inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const query = params.query.trim()
    if (!query) throw new Error('Write a query, e.g. SELECT * FROM a.')
    const file = ctx.files.database
    if (params.database && !file) throw new Error(`The database file "${params.database}" could not be read.`)
    ctx.progress(0, 'starting SQLite')
    const db = await openDatabase(file ? checkDatabase(file.bytes, file.name) : undefined)
    try {
      for (const name of TABLES) {
        const d = inputs[name]
        if (d === undefined) continue
        if (!isDataset(d)) throw new Error(`Input "${name}" needs one table; connect it before a split.`)
        createTable(db, name, d)
      }
      ctx.progress(0.2, 'running the query')
      const { columns, values } = runQuery(db, query)
      if (values.length === 0) throw new Error(`The query returned columns ${columns.join(', ')} but no rows.`)
      const data = datasetFromRows({ names: columns, rows: values, where: (i) => `result row ${i + 1}` }, params, log)
      return finishLoad(data, log, sqlSchema)
    } finally {
      db.close()
    }
  },
  summarize: summarizeLoaded,
})
