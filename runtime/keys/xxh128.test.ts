import { createXXHash128 } from 'hash-wasm'
import { describe, expect, it } from 'vitest'
import { Xxh128 } from './xxh128'

// Lengths around XXH3's branches (0, 1–3, 4–8, 9–16, 17–128, 129–240, long with 64-byte stripes and
// 1 KiB blocks) and around the wasm's 16 KiB buffer, which longer input is fed through in chunks.
const LENGTHS = [0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1023, 1024, 1025, 16_383, 16_384, 16_385, 40_000]

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + (i >> 7)) & 255)

describe('Xxh128 (hash-wasm XXH3-128 wasm called directly)', () => {
  it('gives what hash-wasm’s createXXHash128 gives, for every input length class', async () => {
    const ours = await Xxh128.create()
    const theirs = await createXXHash128()
    for (const n of LENGTHS) {
      const bytes = bytesOf(n)
      expect({ n, hex: ours.hex(bytes) }).toEqual({ n, hex: theirs.init().update(bytes).digest('hex') })
    }
  })

  it('hashes text as its UTF-8 bytes, and writes digits where asked', async () => {
    const ours = await Xxh128.create()
    const theirs = await createXXHash128()
    for (const text of ['', 'a', '{"files":{},"inputs":{}}', 'Zürich · 東京 · 🙂', 'x'.repeat(20_000) + 'é']) {
      expect(ours.hexOfText(text)).toBe(theirs.init().update(text).digest('hex'))
    }
    const out = new Uint8Array(40).fill(32)
    ours.hexInto(bytesOf(50), out, 4)
    expect(String.fromCharCode(...out.subarray(4, 36))).toBe(ours.hex(bytesOf(50)))
    expect([...out.subarray(0, 4), ...out.subarray(36)]).toEqual([32, 32, 32, 32, 32, 32, 32, 32])
  })
})
