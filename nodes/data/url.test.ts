import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import { cells, runNode } from '../../tests/support/table-testing'
import { urlNode } from './url'

const serve = (body: string, init: ResponseInit = {}) =>
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, init)))

const load = async (url: string, given: Record<string, unknown> = {}) =>
  (await runNode(urlNode, {}, { url, ...given })).data as Dataset

describe('data.url', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is volatile and reads CSV like the CSV node', async () => {
    expect(urlNode.volatile).toBe(true)
    serve('a;b\n1;x\n2;y\n', { headers: { 'content-type': 'text/csv' } })
    const d = await load('https://example.org/t.csv')
    expect(cells(d, 'a')).toEqual([1, 2])
    expect(d.columns[1]).toMatchObject({ role: 'target', type: 'categorical' })
  })

  it('reads a JSON array of records (or an object holding one), nulls as missing', async () => {
    serve(JSON.stringify({ rows: [{ x: 1, c: 'a' }, { x: null, c: 'b', extra: 5 }] }), { headers: { 'content-type': 'application/json' } })
    const d = await load('https://example.org/api', { target: 'c' })
    expect(d.columns.map((c) => c.name)).toEqual(['x', 'c', 'extra'])
    expect(cells(d, 'x')).toEqual([1, null])
    expect(cells(d, 'extra')).toEqual([null, 5])
    expect(d.columns[1].role).toBe('target')
  })

  it('says what went wrong: HTTP errors, network failures, bad JSON, bad addresses', async () => {
    serve('nope', { status: 404, statusText: 'Not Found' })
    await expect(load('https://example.org/missing.csv')).rejects.toThrow('Could not fetch https://example.org/missing.csv: HTTP 404 Not Found.')
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))))
    await expect(load('https://example.org/x.csv')).rejects.toThrow('Could not fetch https://example.org/x.csv: fetch failed. You may be offline')
    serve('[{"a": 1}', { headers: { 'content-type': 'application/json' } })
    await expect(load('https://example.org/x.json')).rejects.toThrow('is not valid JSON')
    serve('[1, 2]', { headers: { 'content-type': 'application/json' } })
    await expect(load('https://example.org/x.json')).rejects.toThrow('not an array of records')
    await expect(load('')).rejects.toThrow('Enter the URL')
    await expect(load('file:///etc/passwd')).rejects.toThrow('must start with http:// or https://')
  })
})
