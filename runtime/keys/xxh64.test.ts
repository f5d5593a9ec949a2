import { createXXHash64 } from 'hash-wasm'
import { describe, expect, it } from 'vitest'
import { Xxh64 } from './xxh64'

// Lengths around XXH64's branches (0, under 4, under 8, under 32, 32-byte stripes) and around the wasm's
// 16 KiB buffer, which longer input is fed through in chunks.
const LENGTHS = [0, 1, 3, 4, 7, 8, 31, 32, 33, 1024, 16_383, 16_384, 16_385, 40_000]

const bytesOf = (n: number, salt = 0) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + (i >> 7) + salt) & 255)

describe('Xxh64 (hash-wasm XXH64 wasm called directly)', () => {
  it('gives what hash-wasm’s createXXHash64 gives, for every input length class', async () => {
    const ours = await Xxh64.create()
    const theirs = await createXXHash64()
    for (const n of LENGTHS) {
      const bytes = bytesOf(n)
      expect({ n, hex: ours.hex([bytes]) }).toEqual({ n, hex: theirs.init().update(bytes).digest('hex') })
    }
  })

  it('hashes several parts as their concatenation, the same after many hashes', async () => {
    const ours = await Xxh64.create()
    const theirs = await createXXHash64()
    const parts = [bytesOf(5, 1), bytesOf(0), bytesOf(20_000, 2), bytesOf(17, 3)]
    const expected = theirs.init().update(parts[0]).update(parts[2]).update(parts[3]).digest('hex')
    expect(ours.hex(parts)).toBe(expected)
    for (let i = 0; i < 3; i++) ours.hex([bytesOf(100, i)])
    expect(ours.hex(parts)).toBe(expected)
  })
})
