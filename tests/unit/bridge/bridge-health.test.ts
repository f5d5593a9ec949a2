import { describe, expect, it } from 'vitest'
import { BridgeClient } from '../../../runtime/bridge/bridge-client'

/** A client whose every request gets `body` back with `status`, as some server at the address would answer. */
const answering = (status: number, body: string, type = 'application/json') =>
  new BridgeClient({ url: 'http://queue.test/' }, async () => new Response(body, { status, headers: { 'content-type': type } }))

describe('the editor asking a bridge for its health', () => {
  it('takes a bridge of its own protocol', async () => {
    const health = { ok: true, protocol: 2, workers: 3, maxEntryBytes: 1024 }
    expect(await answering(200, JSON.stringify(health)).health()).toEqual(health)
  })

  it('refuses a bridge of another version, saying which and what to do', async () => {
    // A bridge from before /health named its protocol.
    const old = answering(200, JSON.stringify({ ok: true, workers: 2, maxEntryBytes: 1024 }))
    await expect(old.health()).rejects.toThrow(
      'The remote queue at http://queue.test is a `pipeline bridge` of another version (protocol 1; this editor speaks 2): run the bridge and its workers from the same release as this editor.',
    )
    await expect(answering(200, JSON.stringify({ ok: true, protocol: 3, workers: 2, maxEntryBytes: 1 })).health()).rejects.toThrow('(protocol 3; this editor speaks 2)')
  })

  it('says an address that answers something else is not a bridge', async () => {
    const message = 'http://queue.test is not a `pipeline bridge` (its /health answer is not a bridge\'s): check the address in Cache and workers.'
    await expect(answering(200, '<!doctype html><title>editor</title>', 'text/html').health()).rejects.toThrow(message)
    await expect(answering(404, '{"message":"Not Found"}').health()).rejects.toThrow(message)
    await expect(answering(200, '{"status":"ok","models":[]}').health()).rejects.toThrow(message)
  })
})
