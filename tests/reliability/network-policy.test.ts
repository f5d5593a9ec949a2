import { createServer } from 'node:http'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RunReport } from '../../runtime/exec/events'
import { isPrivateAddress } from '../../runtime/net/addresses'
import { setNetworkPolicy } from '../../runtime/net/policy'
import { runNode } from '../support/table-testing'
import { urlNode } from '../../nodes/data/url'
import { cli } from './cli'

const load = (url: string) => runNode(urlNode, {}, { url })
const BROWSER_HINT = 'to use a local one, download the file yourself and add it to the graph as an uploaded file.'

afterEach(() => vi.unstubAllGlobals())

describe('addresses a graph may fetch', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true],
    ['172.32.0.1', false], ['192.168.1.1', true], ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true],
    ['224.0.0.1', true], ['8.8.8.8', false], ['93.184.216.34', false], ['::1', true], ['[::1]', true], ['::', true],
    ['::ffff:127.0.0.1', true], ['[::ffff:7f00:1]', true], ['::ffff:8.8.8.8', false], ['fd12::1', true], ['fe80::1', true],
    ['2606:4700::1111', false], ['64:ff9b::a00:1', true],
  ])('%s is private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected)
  })

  it.each([
    'http://127.0.0.1:8080/t.csv', 'http://2130706433/t.csv', 'http://0x7f.1/t.csv', 'http://[::1]/t.csv',
    'http://169.254.169.254/latest/meta-data', 'http://localhost/t.csv', 'http://db.localhost/t.csv', 'http://printer.local/x',
    'http://intranet/t.csv', 'http://[::ffff:10.0.0.1]/t.csv',
  ])('data.url refuses %s without fetching it', async (url) => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    await expect(load(url)).rejects.toThrow(/^Refused to download from .*: .*\. A graph may fetch only public internet addresses; to use a local one/)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('checks what a name resolves to, and every redirect, where the host can resolve names', async () => {
    const previous = setNetworkPolicy({ allowPrivate: false, lookup: async (h) => (h === 'evil.example' ? ['10.0.0.5'] : ['93.184.216.34']), howToAllow: 'run with --allow-net' })
    try {
      await expect(load('http://evil.example/t.csv')).rejects.toThrow(
        'Refused to download from evil.example: it resolves to 10.0.0.5, an address on this computer or a private network. A graph may fetch only public internet addresses; to use a local one, run with --allow-net.',
      )
      const fetch = vi.fn(async () => new Response('', { status: 302, headers: { location: 'http://127.0.0.1/admin' } }))
      vi.stubGlobal('fetch', fetch)
      await expect(load('http://fine.example/t.csv')).rejects.toThrow('Refused to download from 127.0.0.1:')
      expect(fetch).toHaveBeenCalledTimes(1)
    } finally {
      setNetworkPolicy(previous)
    }
  })

  it('the browser default message says how to get the data in anyway', async () => {
    await expect(load('http://localhost/t.csv')).rejects.toThrow(BROWSER_HINT)
  })

  it('the CLI refuses a server on this computer unless --allow-net', async () => {
    const server = createServer((_req, res) => res.end('x,y\n1,2\n3,4\n'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t.csv`
      const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-net-'))
      const doc = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'u', type: 'data.url', params: { url } }] }
      await writeFile(join(dir, 'g.json'), JSON.stringify(doc))
      const refused = await cli(['run', join(dir, 'g.json'), '--json', '--no-cache'])
      expect(refused.code).toBe(1)
      expect((JSON.parse(refused.stdout) as RunReport).nodes.u.error).toMatch(/^Refused to download from 127\.0\.0\.1:\d+: .* run with --allow-net\.$/)
      const allowed = await cli(['run', join(dir, 'g.json'), '--json', '--no-cache', '--allow-net'])
      expect((JSON.parse(allowed.stdout) as RunReport).nodes.u).toMatchObject({ status: 'ran', summary: { rows: 2 } })
    } finally {
      server.close()
    }
  }, 60_000)
})
