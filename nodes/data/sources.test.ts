import { gzipSync } from 'fflate'
import { parquetWriteBuffer } from 'hyparquet-writer'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import writeXlsxFile from 'write-excel-file/universal'
import type { ResolvedFile } from '../../runtime/node-api/define-node'
import type { Dataset } from '../../runtime/values/dataset'
import { cells, params, runNode, table, testContext, textFile } from '../../tests/support/table-testing'
import { excelNode } from './excel'
import { jsonNode } from './json'
import { parquetNode } from './parquet'
import { sqlNode } from './sql'
import { datePartsNode } from '../transform/date-parts'

/** Excel, Parquet, JSON and SQL sources: files written here by the libraries themselves. */

const file = (bytes: Uint8Array | ArrayBuffer, name: string): ResolvedFile => ({
  name,
  bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
  hash: `test-${name}`,
})

const roles = (d: Dataset) => Object.fromEntries(d.columns.map((c) => [c.name, `${c.type}/${c.role}`]))

type XCell = string | number | boolean | Date | null
async function xlsx(sheets: { sheet: string; rows: XCell[][] }[]): Promise<ResolvedFile> {
  const cell = (v: XCell) => (v === null ? null : v instanceof Date ? { value: v, format: 'yyyy-mm-dd' } : { value: v })
  const out = writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map(cell)) })))
  return file(await (await out.toBlob()).arrayBuffer(), 'book.xlsx')
}

/** Runs a node and returns its table and warnings. */
async function load(node: typeof excelNode | typeof parquetNode | typeof jsonNode, f: ResolvedFile, given: Record<string, unknown> = {}) {
  const { ctx, warnings } = testContext({ files: { path: f } })
  const out = await node.run({}, params(node as typeof excelNode, { path: f.name, ...given }) as never, ctx)
  return { d: out.data as Dataset, warnings }
}

describe('data.excel', () => {
  it('reads the first sheet, skips the empty rows and columns around the table, types and roles like CSV', async () => {
    const book = await xlsx([
      {
        sheet: 'Data',
        rows: [[null, null, null, null], [null, 'age', 'city', 'bought'], [null, 31, 'Paris', true], [null, 45, 'Lyon', false], [null, 27.5, 'Paris', true]],
      },
      { sheet: 'Notes', rows: [['x'], [1]] },
    ])
    const { d } = await load(excelNode, book)
    expect(d.rows).toBe(3)
    expect(roles(d)).toEqual({ age: 'numeric/feature', city: 'categorical/feature', bought: 'categorical/target' })
    expect(cells(d, 'age')).toEqual([31, 45, 27.5])
    expect(cells(d, 'bought')).toEqual(['true', 'false', 'true'])
    expect(d.steps.map((s) => s.type)).toEqual(['data.excel'])
    const notes = await load(excelNode, book, { sheet: 'Notes', noTarget: true })
    expect(cells(notes.d, 'x')).toEqual([1])
    expect(cells((await load(excelNode, book, { sheet: '2', noTarget: true })).d, 'x')).toEqual([1])
  })

  it('reads dates as ISO text, keeps a dirty number column numeric naming the sheet row, and refuses bad input', async () => {
    const rows: XCell[][] = [['when', 'x', 'y']]
    for (let i = 0; i < 30; i++) rows.push([new Date(Date.UTC(2024, 0, i + 1)), i === 20 ? 'abc' : i / 2, i % 2])
    const { d, warnings } = await load(excelNode, await xlsx([{ sheet: 'S', rows }]))
    expect(cells(d, 'when')[0]).toBe('2024-01-01T00:00:00.000Z')
    // Date parts reads them: 1 January 2024 was a Monday (weekday 0), no hour or minute at midnight.
    const parts = (await runNode(datePartsNode, { data: d }, {})).data as Dataset
    expect(parts.columns.map((c) => c.name).slice(0, 4)).toEqual(['when_year', 'when_month', 'when_day', 'when_weekday'])
    expect([cells(parts, 'when_day')[29], cells(parts, 'when_weekday')[0]]).toEqual([30, 0])
    expect(d.columns[1].type).toBe('numeric')
    expect(cells(d, 'x')[20]).toBeNull()
    // The header is sheet row 1, so the 21st data row is row 22.
    expect(warnings[0]).toContain('Column "x" is numeric except 1 cell (3.3%), read as missing: "abc" on row 22.')
    const book = await xlsx([{ sheet: 'S', rows }])
    await expect(load(excelNode, book, { sheet: 'Nope' })).rejects.toThrow('The workbook "book.xlsx" has no sheet "Nope". Available sheets: S.')
    await expect(load(excelNode, textFile('a,b\n1,2\n', 'fake.xlsx'))).rejects.toThrow('The file "fake.xlsx" could not be read as an Excel workbook (.xlsx)')
    await expect(load(excelNode, await xlsx([{ sheet: 'S', rows: [[null]] }]))).rejects.toThrow('is empty')
    await expect(runNode(excelNode, {}, {})).rejects.toThrow('Choose an Excel (.xlsx) file')
  })
})

describe('data.parquet', () => {
  const columnData = [
    { name: 'id', data: Int32Array.from([1, 2, 3, 4]), type: 'INT32' as const },
    { name: 'big', data: BigInt64Array.from([10n, 20n, 30n, 40n]), type: 'INT64' as const },
    { name: 'score', data: [0.5, null, 2.25, 3], type: 'DOUBLE' as const },
    { name: 'city', data: ['Paris', 'Lyon', null, 'Paris'], type: 'STRING' as const },
    { name: 'label', data: ['a', 'b', 'a', 'b'], type: 'STRING' as const },
  ]

  it('reads Snappy and gzip files: numbers (INT64 too), text, nulls as missing; types and roles like CSV', async () => {
    for (const codec of ['SNAPPY', 'GZIP'] as const) {
      const bytes = parquetWriteBuffer({ columnData, codec, compressors: { GZIP: (b: Uint8Array) => gzipSync(b) } })
      const { d } = await load(parquetNode, file(bytes, 't.parquet'), { ids: ['id'] })
      expect(roles(d)).toEqual({
        id: 'numeric/id',
        big: 'numeric/feature',
        score: 'numeric/feature',
        city: 'categorical/feature',
        label: 'categorical/target',
      })
      expect(cells(d, 'big')).toEqual([10, 20, 30, 40])
      expect(cells(d, 'score')).toEqual([0.5, null, 2.25, 3])
      expect(cells(d, 'city')).toEqual(['Paris', 'Lyon', null, 'Paris'])
    }
  })

  it('names the row of a dirty cell, and refuses nested columns and non-Parquet bytes', async () => {
    const text = Array.from({ length: 40 }, (_, i) => (i === 7 ? 'n/a?' : String(i)))
    const bytes = parquetWriteBuffer({ columnData: [{ name: 'v', data: text, type: 'STRING' }] })
    const { d, warnings } = await load(parquetNode, file(bytes, 'v.parquet'), { noTarget: true })
    expect(cells(d, 'v')[7]).toBeNull()
    expect(warnings[0]).toContain('Column "v" is numeric except 1 cell (2.5%), read as missing: "n/a?" on row 8.')
    const nested = parquetWriteBuffer({ columnData: [{ name: 'j', data: [{ a: 1 }, { a: 2 }], type: 'JSON' }] })
    await expect(load(parquetNode, file(nested, 'n.parquet'))).rejects.toThrow('Column "j" holds binary or nested data on row 1')
    await expect(load(parquetNode, textFile('a,b\n1,2\n', 'x.parquet'))).rejects.toThrow('The file "x.parquet" could not be read as Parquet')
  })
})

describe('data.json', () => {
  it('reads an array of records, an object holding one, and JSON Lines', async () => {
    const records = [{ x: 1, c: 'a' }, { x: null, c: 'b', extra: 5 }]
    for (const text of [JSON.stringify(records), JSON.stringify({ data: records }), records.map((r) => JSON.stringify(r)).join('\n') + '\n']) {
      const { d } = await load(jsonNode, textFile(text, 'r.json'), { target: 'c' })
      expect(d.columns.map((c) => c.name)).toEqual(['x', 'c', 'extra'])
      expect(cells(d, 'x')).toEqual([1, null])
      expect(cells(d, 'extra')).toEqual([null, 5])
      expect(d.columns[1].role).toBe('target')
    }
  })

  it('names the line and column of a syntax error, and the record of nested data or a dirty number', async () => {
    await expect(load(jsonNode, textFile('[{"a": 1},\n {"a": 2,}]', 'bad.json'))).rejects.toThrow(
      'The file "bad.json" is not valid JSON at line 2, column 10: Expected double-quoted property name.',
    )
    await expect(load(jsonNode, textFile('{"a": 1}\n{"a": }\n', 'l.jsonl'))).rejects.toThrow('read as JSON Lines, has an invalid record on line 2')
    await expect(load(jsonNode, textFile('[{"a": 1}, {"a": [2]}]', 'n.json'))).rejects.toThrow('Field "a" of record 2 holds nested data')
    const rows = Array.from({ length: 50 }, (_, i) => ({ v: i === 30 ? 'oops' : i, y: i % 2 }))
    const { warnings } = await load(jsonNode, textFile(JSON.stringify(rows), 'd.json'))
    expect(warnings[0]).toContain('"oops" on record 31.')
    await expect(load(jsonNode, textFile('  ', 'e.json'))).rejects.toThrow('The file "e.json" is empty.')
  })
})

describe('data.sql', () => {
  const engine = initSqlJs()
  async function sqliteFile(): Promise<ResolvedFile> {
    const SQL = await engine
    const db = new SQL.Database()
    db.run('CREATE TABLE customers (id INTEGER, name TEXT, spend REAL, churned TEXT)')
    db.run("INSERT INTO customers VALUES (1, 'Ann', 120.5, 'no'), (2, 'Bob', NULL, 'yes'), (3, 'Cid', 80, 'no'), (4, 'Dee', 42, 'yes')")
    const bytes = db.export()
    db.close()
    return file(bytes, 'shop.sqlite')
  }

  const query = async (given: Record<string, unknown>, inputs: Record<string, unknown> = {}, db?: ResolvedFile) => {
    const { ctx, warnings } = testContext({ files: db ? { database: db } : {} })
    const out = await sqlNode.run(inputs, params(sqlNode, { ...(db ? { database: db.name } : {}), ...given }), ctx)
    return { d: out.data as Dataset, warnings }
  }

  it('queries an uploaded SQLite file: typed columns, NULL as missing, roles from the params', async () => {
    const db = await sqliteFile()
    const { d } = await query({ query: 'SELECT id, spend, churned FROM customers ORDER BY id', ids: ['id'] }, {}, db)
    expect(roles(d)).toEqual({ id: 'numeric/id', spend: 'numeric/feature', churned: 'categorical/target' })
    expect(cells(d, 'spend')).toEqual([120.5, null, 80, 42])
  })

  it('joins wired tables (as a, b) with the database, and reads categories, numbers and missing values from them', async () => {
    const db = await sqliteFile()
    const a = table({ id: [1, 2, 3], region: ['north', null, 'south'] })
    const b = table({ id: [1, 3], visits: [10, NaN] })
    const sql = 'SELECT c.name, a.region, b.visits, c.churned FROM customers c JOIN a USING (id) LEFT JOIN b USING (id) ORDER BY c.id'
    const { d } = await query({ query: sql }, { a, b }, db)
    expect(cells(d, 'name')).toEqual(['Ann', 'Bob', 'Cid'])
    expect(cells(d, 'region')).toEqual(['north', null, 'south'])
    expect(cells(d, 'visits')).toEqual([10, null, null])
    // Several statements: the last one that returns columns is the result.
    const two = await query({ query: 'CREATE TABLE t AS SELECT region FROM a WHERE region IS NOT NULL; SELECT count(*) AS n FROM t', noTarget: true }, { a })
    expect(cells(two.d, 'n')).toEqual([2])
  })

  it('says what is wrong: SQL errors with the tables there are, no rows, a file that is no database', async () => {
    const db = await sqliteFile()
    await expect(query({ query: 'SELECT * FROM orders' }, { a: table({ x: [1] }) }, db)).rejects.toThrow(
      'The query failed: no such table: orders. Tables: a, customers.',
    )
    await expect(query({ query: 'SELEC 1' })).rejects.toThrow('The query failed: near "SELEC": syntax error. Tables: (none: connect a table or choose a database file).')
    await expect(query({ query: 'SELECT * FROM customers WHERE id > 9' }, {}, db)).rejects.toThrow(
      'The query returned columns id, name, spend, churned but no rows.',
    )
    await expect(query({ query: 'CREATE TABLE z (x)' })).rejects.toThrow('The query returned no table: end it with a SELECT statement.')
    await expect(query({ query: 'SELECT 1' }, {}, textFile('a,b\n', 'x.db'))).rejects.toThrow('The file "x.db" is not an SQLite database')
  })
})
