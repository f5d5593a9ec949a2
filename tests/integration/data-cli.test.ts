import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import initSqlJs from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import writeXlsxFile from 'write-excel-file/universal'
import type { RunReport } from '../../runtime/exec/events'
import { cli } from '../reliability/cli'

/**
 * The CLI on a user's own data: an integer class column, a dirty number cell, Excel, Parquet,
 * JSON and SQLite files written here, and `--out` writing tables to files.
 */

// 90 rows: the class (0, 1, 2) is x1 / 10; x2 is noise with "abc" on line 21 (the header is line 1).
const labelsCsv = () =>
  'x1,x2,label\n' +
  Array.from({ length: 90 }, (_, i) => {
    const x1 = (i * 7) % 30
    return `${x1},${i === 19 ? 'abc' : ((i * 13) % 17) / 4},${Math.floor(x1 / 10)}`
  }).join('\n')

const edge = (id: string, from: string, fromPort: string, to: string, toPort: string) => ({
  id,
  from: { node: from, port: fromPort },
  to: { node: to, port: toPort },
})

const graph = {
  format: 'mlcanvas/graph',
  version: 1,
  meta: { title: 'Own data' },
  nodes: [
    { id: 'csv', type: 'data.csv', params: { path: 'labels.csv' } },
    { id: 'impute', type: 'clean.impute', params: {} },
    { id: 'split', type: 'transform.split', params: { test: 0.25, seed: 1 } },
    { id: 'spec', type: 'model.decision-tree', params: {} },
    { id: 'train', type: 'train.fit', params: {} },
    { id: 'predict', type: 'predict.apply', params: {} },
    { id: 'metrics', type: 'metric.classification', params: {} },
    { id: 'excel', type: 'data.excel', params: { path: 'book.xlsx' } },
    { id: 'parquet', type: 'data.parquet', params: { path: 'points.parquet' } },
    { id: 'json', type: 'data.json', params: { path: 'records.jsonl' } },
    {
      id: 'sql',
      type: 'data.sql',
      params: { database: 'shop.sqlite', query: 'SELECT a.label, count(*) AS n, max(w.weight) AS weight FROM a JOIN weights w USING (label) GROUP BY a.label', noTarget: true },
    },
  ],
  edges: [
    edge('e1', 'csv', 'data', 'impute', 'data'),
    edge('e2', 'impute', 'data', 'split', 'data'),
    edge('e3', 'spec', 'model', 'train', 'model'),
    edge('e4', 'split', 'data', 'train', 'data'),
    edge('e5', 'train', 'model', 'predict', 'model'),
    edge('e6', 'split', 'data', 'predict', 'data'),
    edge('e7', 'predict', 'predictions', 'metrics', 'predictions'),
    edge('e8', 'csv', 'data', 'sql', 'a'),
  ],
}

describe('pipeline run on Excel, Parquet, JSON, SQLite and an integer-labelled CSV', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlcanvas-data-cli-'))
    await writeFile(join(dir, 'labels.csv'), labelsCsv())
    await writeFile(join(dir, 'graph.json'), JSON.stringify(graph))
    const book = writeXlsxFile([[{ value: 'a' }, { value: 'b' }], [{ value: 1 }, { value: 'x' }], [{ value: 2 }, { value: 'y' }]])
    await writeFile(join(dir, 'book.xlsx'), new Uint8Array(await (await book.toBlob()).arrayBuffer()))
    const pq = parquetWriteBuffer({ columnData: [{ name: 'v', data: [1.5, 2.5, 3.5], type: 'DOUBLE' }, { name: 'k', data: ['p', 'q', 'p'], type: 'STRING' }] })
    await writeFile(join(dir, 'points.parquet'), new Uint8Array(pq))
    await writeFile(join(dir, 'records.jsonl'), '{"u": 1, "t": "a"}\n{"u": 2, "t": "b"}\n')
    const SQL = await initSqlJs()
    const db = new SQL.Database()
    db.run('CREATE TABLE weights (label INTEGER, weight REAL); INSERT INTO weights VALUES (0, 0.5), (1, 1.5), (2, 2.5)')
    await writeFile(join(dir, 'shop.sqlite'), db.export())
    db.close()
  })

  it('classifies an integer label, warns about the dirty cell by line, and writes tables with --out', async () => {
    const r = await cli(
      ['run', join(dir, 'graph.json'), '--json', '--no-cache', '--out', `predict=${join(dir, 'preds.csv')}`, '--out', `split=${join(dir, 'splits.tsv')}`, '--out', `sql.data=${join(dir, 'sql.json')}`],
      { timeoutMs: 120_000 },
    )
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as RunReport
    expect(Object.values(report.nodes).map((n) => n.status)).toEqual(Array(11).fill('ran'))
    const csv = report.nodes.csv.summary as Record<string, unknown>
    expect(csv).toMatchObject({ rows: 90, target: 'label', task: 'classification · 3 classes', missing: 1 })
    expect((csv.warnings as string[])[0]).toContain('Column "x2" is numeric except 1 cell (1.1%), read as missing: "abc" on line 21.')
    expect(report.nodes.split.summary).toMatchObject({ stratified: true })
    expect(report.nodes.excel.summary).toMatchObject({ rows: 2, columns: 2, target: 'b' })
    expect(report.nodes.parquet.summary).toMatchObject({ rows: 3, target: 'k' })
    expect(report.nodes.json.summary).toMatchObject({ rows: 2, target: 't' })

    // The predictions file agrees with the metrics node: accuracy = share of rows where actual = predicted.
    const [header, ...rows] = (await readFile(join(dir, 'preds.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','))
    expect(header.slice(0, 3)).toEqual(['row', 'actual', 'predicted'])
    expect(rows).toHaveLength(23)
    const right = rows.filter((row) => row[1] === row[2]).length
    expect(report.nodes.metrics.summary?.accuracy).toBeCloseTo(right / rows.length, 12)
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['0', '1', '2']))
    expect(r.stderr).toContain(`wrote ${join(dir, 'preds.csv')}: 23 rows × ${header.length} columns from predict.predictions`)

    const splits = (await readFile(join(dir, 'splits.tsv'), 'utf8')).trim().split('\n')
    expect(splits[0]).toBe('split\tx1\tx2\tlabel')
    expect(splits.filter((l) => l.startsWith('train\t'))).toHaveLength(67)
    expect(splits.filter((l) => l.startsWith('test\t'))).toHaveLength(23)
    expect(JSON.parse(await readFile(join(dir, 'sql.json'), 'utf8'))).toEqual([
      { label: 0, n: 30, weight: 0.5 },
      { label: 1, n: 30, weight: 1.5 },
      { label: 2, n: 30, weight: 2.5 },
    ])
  })

  it('refuses an --out for a node that does not exist before running, and one that is not a table after', async () => {
    const unknown = await cli(['run', join(dir, 'graph.json'), '--no-cache', '--out', 'nosuch=x.csv'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--out: no node with id "nosuch".')
    const port = await cli(['run', join(dir, 'graph.json'), '--no-cache', '--to', 'excel', '--out', 'excel.table=x.csv'])
    expect(port.stderr).toContain('--out: node "excel" has no output "table"; it has data.')
    const metrics = await cli(['run', join(dir, 'graph.json'), '--no-cache', '--to', 'metrics', '--out', `metrics=${join(dir, 'm.csv')}`])
    expect(metrics.code).toBe(1)
    expect(metrics.stdout).toContain(`--out metrics: nothing written to ${join(dir, 'm.csv')}; its outputs are not a table (dataset, splits or predictions).`)
  })
})
