import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { headlessEditor } from '../testing/headless-editor'
import { addFileNode, readerFor } from './commands'
import { installExampleData } from './files'

describe('data files in the editor', () => {
  it('picks the data node that reads a dropped file by its name', () => {
    const ed = headlessEditor(createRegistry())
    const readers = ['a.csv', 'b.TSV', 'c.xlsx', 'd.parquet', 'e.jsonl', 'f.sqlite', 'g.db', 'h.pdf'].map((n) => readerFor(ed, n))
    expect(readers).toEqual(['data.csv', 'data.csv', 'data.excel', 'data.parquet', 'data.json', 'data.sql', 'data.sql', undefined])
  })

  it('adds the reading node with the file uploaded, and refuses a file no node reads', async () => {
    const ed = headlessEditor(createRegistry())
    await addFileNode(ed, new File([new Uint8Array([80, 65, 82, 49])], 'points.parquet'), { x: 0, y: 0 })
    const [node] = ed.graph.getState().nodes
    expect(node.data.nodeType).toBe('data.parquet')
    expect(node.data.params.path).toBe('points.parquet')
    expect((await ed.engine().listFiles()).map((f) => f.name)).toEqual(['points.parquet'])
    await addFileNode(ed, new File(['%PDF'], 'report.pdf'), { x: 0, y: 0 })
    expect(ed.graph.getState().nodes).toHaveLength(1)
    expect(ed.ui.getState().toasts.at(-1)?.text).toMatch(/^No data node reads "report.pdf"/)
  })

  it('puts the examples\' data files into a fresh browser, leaving a file the user gave under that name alone', async () => {
    const ed = headlessEditor(createRegistry())
    await ed.engine().putFile('data/messy-customers.csv', new TextEncoder().encode('mine\n1\n').buffer as ArrayBuffer)
    await installExampleData(ed)
    const files = await ed.engine().listFiles()
    expect(files.map((f) => f.name)).toContain('data/messy-customers.csv')
    expect(files.find((f) => f.name === 'data/messy-customers.csv')?.bytes).toBe(7)
    const fresh = headlessEditor(createRegistry())
    await installExampleData(fresh)
    expect((await fresh.engine().listFiles()).find((f) => f.name === 'data/messy-customers.csv')?.bytes).toBeGreaterThan(1000)
  })
})
