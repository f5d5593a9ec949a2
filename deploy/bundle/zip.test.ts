import { unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { unzipBundle, zipBundle } from './zip'

const text = (s: string) => new TextEncoder().encode(s)
const files = new Map([
  ['bundle.json', text('{"format":"mlcanvas/bundle"}')],
  ['weights.bin', new Uint8Array([0, 1, 2, 250, 251, 255])],
])

describe('bundle archives', () => {
  it('round-trip every byte, inside a folder named like the model', () => {
    const zip = zipBundle('churn', files)
    const back = unzipBundle(zip)
    expect([...back.keys()].sort()).toEqual(['bundle.json', 'weights.bin'])
    expect([...back.get('weights.bin')!]).toEqual([0, 1, 2, 250, 251, 255])
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['churn/bundle.json', 'churn/weights.bin'])
  })

  it('take files zipped at the top level too', () => {
    expect([...unzipBundle(zipSync({ 'bundle.json': text('{}'), 'lineage.json': text('[]') })).keys()].sort()).toEqual(['bundle.json', 'lineage.json'])
  })

  it('refuse archives that are not one bundle', () => {
    expect(() => unzipBundle(zipSync({ 'a/bundle.json': text('{}'), 'b/x.json': text('{}') }))).toThrow(/at the top or in one folder/)
    expect(() => unzipBundle(zipSync({ 'a/b/bundle.json': text('{}') }))).toThrow(/at the top or in one folder/)
    expect(() => unzipBundle(zipSync({ 'model.json': text('{}') }), 'm.zip')).toThrow('m.zip is not a model bundle: it has no bundle.json.')
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}.json`, text('{}')]))
    expect(() => unzipBundle(zipSync(many))).toThrow(/more than 64 entries/)
  })
})
