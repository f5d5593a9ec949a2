import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import writeXlsxFile from 'write-excel-file/universal'
import type { Page } from 'playwright-core'
import { nodeCard, nodes, openDropAndRun, openGraphFile, runAll, states } from './actions'
import { SHOTS } from './browser'
import { appPages } from './app-pages'

const app = appPages()

/** Iris into an SQL query, and a Parquet file: the SQLite wasm and the Parquet reader load lazily in the worker. */
const sourcesDoc = {
  format: 'mlcanvas/graph',
  version: 1,
  nodes: [
    { id: 'iris', type: 'data.iris', params: {}, position: { x: 0, y: 0 } },
    {
      id: 'sql',
      type: 'data.sql',
      params: { query: 'SELECT species, count(*) AS n, avg(petal_length) AS petal FROM a GROUP BY species', target: 'species' },
      position: { x: 320, y: 0 },
      label: 'Per species',
    },
    { id: 'pq', type: 'data.parquet', params: { path: 'data/points.parquet' }, position: { x: 0, y: 260 } },
  ],
  edges: [{ id: 'e1', from: { node: 'iris', port: 'data' }, to: { node: 'sql', port: 'a' } }],
  meta: { title: 'Data sources', description: 'SQL over a wired table and a Parquet file.' },
}

/** Drops a binary file on the canvas the way a file manager does. */
async function dropBytes(page: Page, name: string, bytes: Uint8Array) {
  const transfer = await page.evaluateHandle(
    ([n, b]) => {
      const dt = new DataTransfer()
      dt.items.add(new File([new Uint8Array(b)], n))
      return dt
    },
    [name, [...bytes]] as const,
  )
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: transfer, clientX: 700, clientY: 400 })
}

// 90 rows: the class (0, 1, 2) is x1 / 10; x2 is noise with "abc" on line 21 (the header is line 1); fee is an amount as a spreadsheet formats it.
const labelsCsv =
  'x1,x2,fee,label\n' +
  Array.from({ length: 90 }, (_, i) => {
    const x1 = (i * 7) % 30
    return `${x1},${i === 19 ? 'abc' : ((i * 13) % 17) / 4},"$${(1000 + i * 47.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}",${Math.floor(x1 / 10)}`
  }).join('\n')

const step = (id: string, type: string, params: Record<string, unknown>, x: number, y: number) => ({ id, type, params, position: { x, y } })
const wire = (id: string, from: string, fromPort: string, to: string, toPort: string) => ({ id, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })
const labelsDoc = {
  format: 'mlcanvas/graph',
  version: 1,
  nodes: [
    step('csv', 'data.csv', { path: 'labels.csv' }, 0, 0),
    step('impute', 'clean.impute', {}, 280, 0),
    step('split', 'transform.split', { test: 0.25, seed: 1 }, 560, 0),
    step('spec', 'model.decision-tree', {}, 560, 220),
    step('fit', 'train.fit', {}, 840, 0),
    step('predict', 'predict.apply', {}, 1120, 0),
    step('metrics', 'metric.classification', {}, 1400, 0),
  ],
  edges: [
    wire('e1', 'csv', 'data', 'impute', 'data'),
    wire('e2', 'impute', 'data', 'split', 'data'),
    wire('e3', 'split', 'data', 'fit', 'data'),
    wire('e4', 'spec', 'model', 'fit', 'model'),
    wire('e5', 'fit', 'model', 'predict', 'model'),
    wire('e6', 'split', 'data', 'predict', 'data'),
    wire('e7', 'predict', 'predictions', 'metrics', 'predictions'),
  ],
  meta: { title: 'Integer labels', description: 'A 0/1/2 class column and a dirty number cell.' },
}

describe('data sources in the browser', () => {
  it('trains a 0/1/2 integer label as classes and shows the task and the dirty cell on the data node', async () => {
    const page = await app()
    await openDropAndRun(page, labelsDoc, { name: 'labels.csv', text: labelsCsv, type: 'text/csv' })
    expect(Object.values(await states(page)).every((s) => s === 'done')).toBe(true)
    const card = nodeCard(page, 'CSV file')
    await expect.poll(() => card.textContent()).toContain('taskclassification · 3 classes')
    expect(await card.textContent()).toContain('warnings1: Column "x2" is numeric except 1 cell (1.1%), read as missing: "abc" on line 21.')
    await expect.poll(() => nodeCard(page, 'Classification metrics').textContent()).toMatch(/accuracy/)
    // How the file's amounts were read stays with the result, in the inspector.
    await card.dispatchEvent('click')
    const read = page.getByRole('list', { name: 'How the data was read' })
    await expect.poll(() => read.textContent()).toBe('Column "fee" is read as amounts in $ ("$1,000.00" is 1000).')
    await page.screenshot({ path: `${SHOTS}/integer-labels.png` })
  })

  it('runs the cleaning example in a fresh browser: its data ships with the app', async () => {
    const page = await app()
    await page.getByRole('button', { name: 'Examples', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: /cleaning-showcase\.json/ }).click()
    await expect.poll(() => nodes(page).count()).toBeGreaterThan(5)
    expect(await page.getByText('Provide the file', { exact: false }).count()).toBe(0)
    await runAll(page)
    const all = Object.values(await states(page))
    expect(all.filter((s) => s !== 'done' && s !== 'cached')).toEqual([])
    // Predictions name the customer each one is about (the data's ID column), in the table and its download.
    await nodeCard(page, 'Predict').dispatchEvent('click')
    const table = page.getByRole('table', { name: 'Predictions' })
    await table.waitFor()
    expect(await table.getByRole('columnheader').first().textContent()).toMatch(/^customer_id/)
    expect(await table.getByRole('row').nth(1).getByRole('cell').first().textContent()).toMatch(/^C\d{3}$/)
  })

  it('queries a wired table with SQL and reads an uploaded Parquet file, in the worker', async () => {
    const page = await app()
    await openGraphFile(page, { name: 'sources.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sourcesDoc)) })
    await expect.poll(() => nodes(page).count()).toBe(3)
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'x', data: [0.5, 1.5, 2.5, 3.5], type: 'DOUBLE' },
        { name: 'label', data: ['a', 'b', 'a', 'b'], type: 'STRING' },
      ],
    })
    // Dispatched to the card itself, so a view still settling after the open cannot move it from under the pointer.
    await expect
      .poll(async () => {
        await nodeCard(page, 'Parquet file').dispatchEvent('click')
        return page.locator('.inspector input[type=file]').count()
      })
      .toBe(1)
    await page.locator('.inspector input[type=file]').setInputFiles({ name: 'points.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(parquet) })
    await expect.poll(() => page.getByText('Provide the file', { exact: false }).count()).toBe(0)
    await runAll(page)
    expect(await states(page)).toEqual({ Iris: 'done', 'Per species': 'done', 'Parquet file': 'done' })
    await expect.poll(() => nodeCard(page, 'Per species').textContent()).toMatch(/3 rows/)
    await expect.poll(() => nodeCard(page, 'Parquet file').textContent()).toMatch(/4 rows/)

    // An Excel workbook dropped on the canvas becomes an Excel node reading it; a few stray texts in a number column stay missing cells.
    const rows = [[{ value: 'x' }, { value: 'label' }], ...Array.from({ length: 30 }, (_, i) => [{ value: i === 20 ? 'abc' : i / 2 }, { value: i % 2 }])]
    const book = new Uint8Array(await (await writeXlsxFile(rows).toBlob()).arrayBuffer())
    await dropBytes(page, 'sheet.xlsx', book)
    await expect.poll(() => page.getByText('Excel file node added, reading "sheet.xlsx".', { exact: false }).count()).toBe(1)
    await runAll(page)
    await expect.poll(() => nodeCard(page, 'Excel file').locator('.badge').getAttribute('data-state')).toBe('done')
    await expect.poll(() => nodeCard(page, 'Excel file').textContent()).toMatch(/30 rows/)
    await page.screenshot({ path: `${SHOTS}/data-sources.png` })
  })
})
