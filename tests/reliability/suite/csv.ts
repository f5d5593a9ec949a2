import { readFileSync } from 'node:fs'
import { csvNode } from '../../../nodes/data/csv'
import type { Dataset } from '../../../runtime/values/dataset'
import { runNode } from '../../support/table-testing'
import { newRow, pick, record, rng, type Row } from './table'

const BASE = readFileSync('examples/data/messy-customers.csv')

const encoder = new TextEncoder()
const utf16 = (text: string) => {
  const out = new Uint8Array(2 + text.length * 2)
  out.set([0xff, 0xfe])
  for (let i = 0; i < text.length; i++) new DataView(out.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true)
  return out
}

/** One malformed CSV: the example's bytes with a damage chosen by `random`. */
function mutatedCsv(random: () => number): Uint8Array {
  const text = BASE.toString('utf8')
  const lines = text.split('\n')
  const at = Math.floor(random() * text.length)
  switch (Math.floor(random() * 12)) {
    case 0: { // flipped bytes
      const b = Uint8Array.from(BASE)
      for (let i = 0, n = 1 + Math.floor(random() * 20); i < n; i++) b[Math.floor(random() * b.length)] ^= 1 << Math.floor(random() * 8)
      return b
    }
    case 1: return encoder.encode(text.slice(0, at) + '"' + text.slice(at)) // unbalanced quote
    case 2: return encoder.encode(text.slice(0, at) + '\u0000'.repeat(1 + Math.floor(random() * 50)) + text.slice(at))
    case 3: return utf16(text)
    case 4: return encoder.encode(lines.map((l, i) => (i % 3 ? l + ',extra'.repeat(i % 7) : l)).join('\n')) // ragged rows
    case 5: return encoder.encode(lines[0] + '\n' + 'x'.repeat(1 + Math.floor(random() * 2_000_000)) + '\n') // one huge field
    case 6: return encoder.encode(Array.from({ length: 1 + Math.floor(random() * 20_000) }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(500) + '\n')
    case 7: return encoder.encode(pick(random, ['', '\n', '\uFEFF', ',,,\n,,,', 'a\n', '"', '""""', lines[0]]))
    case 8: return encoder.encode(lines.join(pick(random, ['\r\n', '\r', '\n\n'])))
    case 9: return encoder.encode(text.replace(/,/g, pick(random, [';', '\t', '|', ' ', '"'])))
    case 10: return encoder.encode(lines.slice(0, 2).join('\n') + '\n' + lines.slice(1).map((l) => l.replace(/\d/g, pick(random, ['1e400', 'NaN', '-0', '1e-400', '0x1F', '١٢']))).join('\n'))
    default: return Uint8Array.from({ length: Math.floor(random() * 4096) }, () => Math.floor(random() * 256)) // noise
  }
}

/** A dataset is right when every column has one value per row. */
function consistent(d: Dataset): boolean {
  return d.columns.every((c) => ('values' in c ? c.values.length : c.codes.length) === d.rows)
}

/** CSV node on malformed input: a dataset or an Error with a sentence; never a TypeError/RangeError from inside. */
export async function fuzzCsv(count: number, seed = 3): Promise<Row> {
  const row = newRow('CSV files')
  const random = rng(seed)
  for (let i = 0; i < count; i++) {
    const bytes = mutatedCsv(random)
    try {
      const out = (await runNode(csvNode, {}, { path: 'f.csv' }, { path: { name: 'f.csv', bytes, hash: `h${i}` } })).data as Dataset
      record(row, consistent(out) ? 'ok' : 'wrong', `case ${i}: column lengths differ from the row count`)
    } catch (e) {
      const internal = !(e instanceof Error) || e instanceof TypeError || e instanceof RangeError || !e.message
      record(row, internal ? 'crash' : 'clean', `case ${i}: ${String((e as Error)?.stack ?? e).slice(0, 300)}`)
    }
  }
  return row
}
