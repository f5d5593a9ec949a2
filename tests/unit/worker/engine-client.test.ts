import { afterEach, describe, expect, it, vi } from 'vitest'
import { READY_MESSAGE } from '../../../runtime/worker/ready'

/** A stand-in for the browser's Worker: records each one started, and lets the test speak for it. */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = []
  constructor(readonly url: URL) {
    super()
    FakeWorker.started.push(this)
  }
  postMessage() {}
  say(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
  fail(message: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { message }))
  }
}

async function freshClient() {
  vi.resetModules()
  FakeWorker.started = []
  vi.stubGlobal('Worker', FakeWorker)
  return import('../../../runtime/worker/engine-client')
}

afterEach(() => vi.unstubAllGlobals())

describe('the execution worker started early', () => {
  it('is the one createEngine takes, even when it was ready before anyone asked', async () => {
    const client = await freshClient()
    client.startEngineEarly()
    client.startEngineEarly()
    expect(FakeWorker.started).toHaveLength(1)
    FakeWorker.started[0].say(READY_MESSAGE)
    await expect(client.createEngine()).resolves.toBeTruthy()
    expect(FakeWorker.started).toHaveLength(1)
    // The next engine is a worker of its own.
    void client.createEngine()
    expect(FakeWorker.started).toHaveLength(2)
  })

  it('reports a failure to load to createEngine, and a crash after ready to the onCrash given later', async () => {
    const client = await freshClient()
    client.startEngineEarly()
    FakeWorker.started[0].fail('SyntaxError in a chunk')
    await expect(client.createEngine()).rejects.toThrow('The execution worker failed: SyntaxError in a chunk.')

    client.startEngineEarly()
    FakeWorker.started[1].say(READY_MESSAGE)
    FakeWorker.started[1].fail('out of memory')
    const crashes: string[] = []
    await client.createEngine((m) => crashes.push(m))
    expect(crashes).toEqual(['The execution worker failed: out of memory.'])
  })
})
