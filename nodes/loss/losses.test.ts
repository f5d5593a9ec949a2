import { describe, expect, it } from 'vitest'
import { createRegistry } from '../index'
import { paramsError, runNode } from '../../tests/support/table-testing'
import { lossNodes } from './index'
import { huberLossNode } from './losses'

describe('loss nodes', () => {
  it('each outputs its loss spec with default params', async () => {
    const names = await Promise.all(lossNodes.map(async (def) => ((await runNode(def, {})).loss as { name: string }).name))
    expect(names).toEqual(['mse', 'mae', 'huber', 'binary-crossentropy', 'categorical-crossentropy', 'hinge'])
    expect((await runNode(huberLossNode, {}, { delta: 2.5 })).loss).toEqual({ kind: 'loss', name: 'huber', config: { delta: 2.5 } })
  })

  it('refuses a non-positive Huber delta', () => {
    expect(paramsError(huberLossNode, { delta: 0 })).toMatch(/^delta: Too small: expected number to be >0/)
  })

  it('registers under stable loss.* ids', () => {
    const reg = createRegistry()
    for (const def of lossNodes) expect(reg.get(def.type)?.category).toBe('loss')
  })
})
