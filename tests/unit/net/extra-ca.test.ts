import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { restoreExtraCaEnv } from '../../../runtime/net/ca'
import { startRedis, type LocalRedis } from '../../support/redis-server'
import { makeThrowawayCa, type ThrowawayCa } from '../../support/throwaway-ca'

const saved = { node: process.env.NODE_EXTRA_CA_CERTS, deferred: process.env.MLCANVAS_EXTRA_CA_CERTS }

/** This process as the launcher starts the CLI: NODE_EXTRA_CA_CERTS moved aside (or none at all). */
function deferCa(file: string | undefined) {
  delete process.env.NODE_EXTRA_CA_CERTS
  if (file) process.env.MLCANVAS_EXTRA_CA_CERTS = file
  else delete process.env.MLCANVAS_EXTRA_CA_CERTS
}

/** Fresh copies of the modules that keep a CA list or an agent, so each test reads its own file. */
async function fresh() {
  vi.resetModules()
  return {
    outboundFetch: (await import('../../../runtime/net/outbound-fetch')).outboundFetch,
    connectRedis: (await import('../../../runtime/queue/connection')).connectRedis,
  }
}

afterEach(() => {
  for (const [name, value] of [['NODE_EXTRA_CA_CERTS', saved.node], ['MLCANVAS_EXTRA_CA_CERTS', saved.deferred]] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  vi.restoreAllMocks()
})

describe('giving NODE_EXTRA_CA_CERTS back to child processes', () => {
  it('restores the launcher’s file, and leaves one set since alone', () => {
    const moved: NodeJS.ProcessEnv = { MLCANVAS_EXTRA_CA_CERTS: '/etc/proxy-ca.pem' }
    restoreExtraCaEnv(moved)
    expect(moved.NODE_EXTRA_CA_CERTS).toBe('/etc/proxy-ca.pem')
    const other: NodeJS.ProcessEnv = { MLCANVAS_EXTRA_CA_CERTS: '/etc/proxy-ca.pem', NODE_EXTRA_CA_CERTS: '/home/me/ca.pem' }
    restoreExtraCaEnv(other)
    expect(other.NODE_EXTRA_CA_CERTS).toBe('/home/me/ca.pem')
    const none: NodeJS.ProcessEnv = {}
    restoreExtraCaEnv(none)
    expect(none).toEqual({})
  })
})

describe('outbound TLS with the deferred CA file', () => {
  let dir: string
  let ca: ThrowawayCa
  let https: Server
  let redis: LocalRedis
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlcanvas-ca-unit-'))
    ca = await makeThrowawayCa(dir)
    https = createServer({ key: ca.key, cert: ca.cert }, (_req, res) => res.end('signed by the throw-away CA'))
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r))
    redis = await startRedis(ca)
  }, 30_000)
  afterAll(async () => {
    https?.close()
    await redis?.stop()
    await rm(dir, { recursive: true, force: true })
  })
  const httpsUrl = () => `https://127.0.0.1:${(https.address() as AddressInfo).port}/`

  it('fetch trusts the CA; an http:// download does not read the file, the first https one does', async () => {
    deferCa(ca.caFile)
    expect(await (await (await fresh()).outboundFetch(httpsUrl())).text()).toBe('signed by the throw-away CA')

    // A file that cannot be read warns at each read, as Node does at start.
    deferCa(join(dir, 'missing.pem'))
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    const { outboundFetch } = await fresh()
    const plain = createHttpServer((_req, res) => res.end('plain'))
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r))
    try {
      expect(await (await outboundFetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/`)).text()).toBe('plain')
      expect(warn).not.toHaveBeenCalled()
    } finally {
      plain.close()
    }
    await expect(outboundFetch(httpsUrl())).rejects.toThrow('(UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toMatch(/^Ignoring extra certs from `.*missing\.pem`, load failed: ENOENT/)
  })

  it('rediss:// connects with the CA, and without it says which certificate it refused', async () => {
    deferCa(ca.caFile)
    const client = await (await fresh()).connectRedis(redis.tlsUrl!)
    // BullMQ makes its blocking connection as a duplicate of the one it is given.
    const duplicate = client.duplicate()
    try {
      expect(await client.ping()).toBe('PONG')
      expect(await duplicate.ping()).toBe('PONG')
    } finally {
      client.disconnect()
      duplicate.disconnect()
    }
    deferCa(undefined)
    const host = new URL(redis.tlsUrl!).host
    await expect((await fresh()).connectRedis(redis.tlsUrl!)).rejects.toThrow(
      `Cannot reach the queue at ${redis.tlsUrl}: The TLS certificate of ${host} is not accepted: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
    )
  })
})
