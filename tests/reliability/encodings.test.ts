import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from '../../nodes/data/csv-parse'
import type { RunReport } from '../../runtime/exec/events'
import { cli } from './cli'

const TEXT = 'name,größe\nZoë,1.5\n'

/** UTF-16 bytes of `text`, little- or big-endian, with or without a byte-order mark. */
function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))]
  const out = new Uint8Array(units.length * 2)
  const view = new DataView(out.buffer)
  units.forEach((u, i) => view.setUint16(i * 2, u, endian === 'le'))
  return out
}

describe('text encodings of data and graph files', () => {
  it.each([
    ['UTF-16LE with a mark', utf16(TEXT, 'le', true)],
    ['UTF-16BE with a mark', utf16(TEXT, 'be', true)],
    ['UTF-16LE without a mark', utf16(TEXT, 'le', false)],
    ['UTF-16BE without a mark', utf16(TEXT, 'be', false)],
    ['UTF-8 with a mark', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
    ['UTF-8', new TextEncoder().encode(TEXT)],
  ])('decodes %s', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(TEXT)
  })

  it('the CLI runs a graph file that starts with a UTF-8 byte-order mark, and reads a UTF-16 CSV', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-bom-'))
    await writeFile(join(dir, 't.csv'), utf16('x,y\n1,a\n2,b\n', 'le', true))
    const doc = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'csv', type: 'data.csv', params: { path: 't.csv' } }] }
    await writeFile(join(dir, 'g.json'), '\uFEFF' + JSON.stringify(doc))
    const r = await cli(['run', join(dir, 'g.json'), '--json', '--no-cache'])
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as RunReport).nodes.csv.summary).toMatchObject({ rows: 2, columns: 2 })
  }, 60_000)

  it('the CLI refuses a GPU backend instead of quietly running wasm', async () => {
    for (const backend of ['webgl', 'webgpu']) {
      const r = await cli(['run', 'examples/iris-logistic-regression.json', '--backend', backend])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`The ${backend} backend needs a browser with a GPU; the CLI runs on wasm or cpu.`)
    }
  }, 60_000)
})
