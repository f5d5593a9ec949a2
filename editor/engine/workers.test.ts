import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../tests/support/test-nodes'
import { headlessEditor } from '../testing/headless-editor'
import { chooseWorkers, defaultWorkers, savedWorkers } from './workers'

const memoryStorage = (saved?: string) => {
  const items = new Map(saved === undefined ? [] : [['mlcanvas-workers', saved]])
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items }
}

describe('the workers setting', () => {
  it('starts at one per core, at most 4, and keeps a valid saved choice', () => {
    expect([0, 1, 2, 3, 4, 16].map(defaultWorkers)).toEqual([1, 1, 2, 3, 4, 4])
    expect(savedWorkers({ storage: memoryStorage(), cores: 2 })).toBe(2)
    expect(savedWorkers({ storage: memoryStorage(), cores: 12 })).toBe(4)
    expect(savedWorkers({ storage: memoryStorage('6'), cores: 2 })).toBe(6)
    for (const bad of ['0', '9', '2.5', 'many', '']) expect(savedWorkers({ storage: memoryStorage(bad), cores: 8 })).toBe(4)
  })

  it('saves a choice the engine took, and says why when it refuses one', async () => {
    const ed = headlessEditor(testRegistry())
    await ed.engine().init()
    const storage = memoryStorage()
    await chooseWorkers(ed, 1, storage)
    expect(storage.items.get('mlcanvas-workers')).toBe('1')

    // The in-process test engine has no pool to start workers with.
    await chooseWorkers(ed, 3, storage)
    expect(ed.ui.getState().workers).toBe(1)
    expect(storage.items.get('mlcanvas-workers')).toBe('1')
    expect(ed.ui.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      text: 'Workers stay at 1: This engine cannot start workers; it runs every node on its own thread.',
    })
  })
})
