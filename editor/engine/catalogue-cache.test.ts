import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { keepCatalogue, keptCatalogue } from './catalogue-cache'
import { startEditor } from './start'

/** A Storage kept in a Map, as localStorage would keep it. */
function memoryStorage() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items }
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
})

describe('the node catalogue kept per build', () => {
  const descriptors = testRegistry().list().map((d) => ({ type: d.type, title: d.title })) as never[]

  it('is given back for the build that kept it, never for another build or without one', () => {
    const storage = memoryStorage()
    keepCatalogue(storage, descriptors, 'build-1')
    expect(keptCatalogue(storage, 'build-1')).toEqual(descriptors)
    expect(keptCatalogue(storage, 'build-2')).toBeUndefined()
    expect(keptCatalogue(storage, undefined)).toBeUndefined()
    keepCatalogue(storage, [], undefined)
    expect(keptCatalogue(storage, 'build-1')).toEqual(descriptors)
  })

  it('reads damaged or foreign contents as nothing kept, and a storage that refuses a write as no error', () => {
    const storage = memoryStorage()
    for (const text of ['{', 'null', '"text"', '{"build":"b","descriptors":{"0":1}}']) {
      storage.items.set('mlcanvas-catalogue', text)
      expect(keptCatalogue(storage, 'b'), text).toBeUndefined()
    }
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') } }
    expect(() => keepCatalogue(full, descriptors, 'b')).not.toThrow()
  })

  it('lets a built app start without asking the worker to describe the nodes again, with the same catalogue', async () => {
    vi.stubEnv('MLCANVAS_BUILD', 'build-1')
    vi.stubGlobal('location', { hash: '', pathname: '/', search: '' })
    const storage = memoryStorage()
    const start = async () => {
      const ed = headlessEditor(testRegistry())
      let asked = 0
      const describe = ed.runtime.describe.bind(ed.runtime)
      ed.runtime.describe = async () => (asked++, describe())
      await startEditor(ed, async () => ed.runtime, { storage, cores: 2 })
      return { asked, catalogue: [...ed.ui.getState().descriptors.values()] }
    }
    const first = await start()
    const second = await start()
    expect([first.asked, second.asked]).toEqual([1, 0])
    expect(second.catalogue.map((d) => d.type)).toEqual(first.catalogue.map((d) => d.type))
    expect(second.catalogue).toEqual(first.catalogue)
    expect(first.catalogue.length).toBeGreaterThan(5)
  })
})
