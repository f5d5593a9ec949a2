import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { chooseRemote, recheckRemote, savedRemote } from './remote-queue'

const KEY = 'mlcanvas-remote-queue'
const memoryStorage = (saved?: string) => {
  const items = new Map(saved === undefined ? [] : [[KEY, saved]])
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items }
}

describe('the remote queue setting', () => {
  it('reads a saved bridge and token, and ignores what is not one', () => {
    expect(savedRemote(memoryStorage('{"url":"http://q:8787","token":"t"}'))).toEqual({ url: 'http://q:8787', token: 't' })
    for (const bad of [undefined, '', 'not json', '{"url":3}', '[]', 'null']) expect(savedRemote(memoryStorage(bad))).toEqual({ url: '' })
  })

  it('says a bridge is down without losing the choice, refuses a non-http address (keeping the choice), and clears back to this browser', async () => {
    const ed = headlessEditor(testRegistry())
    await ed.engine().init()
    const storage = memoryStorage()
    await chooseRemote(ed, { url: ' http://127.0.0.1:9 ', token: 'secret' }, storage)
    expect(ed.ui.getState().remoteQueue.url).toBe('http://127.0.0.1:9')
    expect(ed.ui.getState().remoteQueue.status).toMatch(/^The remote queue at http:\/\/127\.0\.0\.1:9 cannot be reached/)
    expect(JSON.parse(storage.items.get(KEY)!)).toEqual({ url: 'http://127.0.0.1:9', token: 'secret' })

    await chooseRemote(ed, { url: 'redis://q:6379' }, storage)
    expect(ed.ui.getState().toasts.at(-1)).toMatchObject({ tone: 'error', text: expect.stringContaining('http:// or https:// address, not "redis://q:6379"') })
    expect(ed.ui.getState().remoteQueue.url).toBe('http://127.0.0.1:9')

    await chooseRemote(ed, { url: '' }, storage)
    expect(savedRemote(storage)).toEqual({ url: '' })
    expect(ed.ui.getState().remoteQueue).toEqual({ url: '', status: '' })
  })

  it('asks the chosen bridge again and says it went away, but leaves the status alone while an Apply waits or the engine has no bridge', async () => {
    const ed = headlessEditor(testRegistry())
    await ed.engine().init()
    const url = 'http://127.0.0.1:9'
    ed.ui.setState({ remoteQueue: { url, status: 'connected: 2 workers serving the queue' } })
    await recheckRemote(ed) // the engine has no bridge yet: nothing new to say
    expect(ed.ui.getState().remoteQueue.status).toBe('connected: 2 workers serving the queue')
    await chooseRemote(ed, { url }, memoryStorage())
    ed.ui.setState({ remoteQueue: { url, status: 'connecting…' } })
    await recheckRemote(ed)
    expect(ed.ui.getState().remoteQueue.status).toBe('connecting…')
    ed.ui.setState({ remoteQueue: { url, status: 'connected: 2 workers serving the queue' } })
    await recheckRemote(ed)
    expect(ed.ui.getState().remoteQueue.status).toMatch(/^The remote queue at http:\/\/127\.0\.0\.1:9 cannot be reached/)
  })
})
