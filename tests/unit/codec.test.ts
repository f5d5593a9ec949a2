import { describe, expect, it } from 'vitest'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { packValue, unpackValue } from '../../runtime/values/pack'

const sample = () => ({
  kind: 'dataset',
  rows: 3,
  columns: [
    { name: 'x', type: 'numeric', values: new Float64Array([1.5, NaN, -2]) },
    { name: 'c', type: 'categorical', codes: new Int32Array([0, -1, 1]), categories: ['a', 'b'] },
  ],
  weights: new Float32Array([0.25, 0.5]),
  raw: new Uint8Array([1, 2, 3]).buffer,
  scalars: { inf: Infinity, ninf: -Infinity, nan: NaN, zero: 0, missing: undefined, nil: null },
  flags: [true, false],
})

describe('value codec', () => {
  it('round-trips typed arrays, special numbers and nesting', async () => {
    const back = (await decodeValue(await encodeValue(sample()))) as ReturnType<typeof sample>
    expect(back.columns[0].values).toBeInstanceOf(Float64Array)
    expect(Array.from(back.columns[0].values as Float64Array)).toEqual([1.5, NaN, -2])
    expect(back.columns[1].codes).toEqual(new Int32Array([0, -1, 1]))
    expect(back.weights).toEqual(new Float32Array([0.25, 0.5]))
    expect(new Uint8Array(back.raw)).toEqual(new Uint8Array([1, 2, 3]))
    expect(back.scalars).toEqual({ inf: Infinity, ninf: -Infinity, nan: NaN, zero: 0, missing: undefined, nil: null })
    expect(back.flags).toEqual([true, false])
  })

  it('stores a view of a larger buffer without the rest of it', async () => {
    const big = new Float64Array(1000)
    big[10] = 7
    const enc = await encodeValue({ v: big.subarray(10, 12) })
    expect(enc.buffers[0].byteLength).toBe(16)
    expect(((await decodeValue(enc)) as { v: Float64Array }).v).toEqual(new Float64Array([7, 0]))
  })

  it('refuses class instances and detects corruption', async () => {
    await expect(encodeValue({ d: new Date() })).rejects.toThrow('Cannot store a Date: values must be plain data.')
    const enc = await encodeValue(sample())
    enc.buffers[0][3] ^= 0xff
    await expect(decodeValue(enc)).rejects.toThrow('checksum mismatch')
  })

  it('packs into one aligned byte layout and back, even from an unaligned copy', async () => {
    const enc = await encodeValue(sample())
    const packed = packValue(enc)
    const shifted = new Uint8Array(packed.byteLength + 1)
    shifted.set(packed, 1)
    const back = (await decodeValue(unpackValue(shifted.subarray(1)))) as ReturnType<typeof sample>
    expect(back.weights).toEqual(new Float32Array([0.25, 0.5]))
    expect(() => unpackValue(packed.subarray(0, packed.byteLength - 9))).toThrow('truncated entry')
    expect(() => unpackValue(new Uint8Array(16))).toThrow('not a cache entry')
  })
})
