import { afterEach, describe, expect, it, vi } from 'vitest'
import { createGraphStore } from './graph-store'

const paramsOf = (s: ReturnType<typeof createGraphStore>, id: string) => s.getState().nodes.find((n) => n.id === id)!.data.params

describe('graph store undo', () => {
  afterEach(() => vi.useRealTimers())

  it('makes typing into one field one undo step, and a pause or another field a new one', () => {
    vi.useFakeTimers()
    const s = createGraphStore()
    const id = s.getState().addNode('optimizer.adam', {}, { x: 0, y: 0 })
    for (const v of ['0', '0.', '0.0', '0.05']) {
      s.getState().setParam(id, 'learningRate', v)
      vi.advanceTimersByTime(100)
    }
    vi.advanceTimersByTime(2000)
    s.getState().setParam(id, 'learningRate', '0.1')
    s.getState().setParam(id, 'beta1', 0.8)
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.1', beta1: 0.8 })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.1' })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({ learningRate: '0.05' })
    s.temporal.getState().undo()
    expect(paramsOf(s, id)).toEqual({})
  })
})
