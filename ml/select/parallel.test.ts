import { describe, expect, it } from 'vitest'
import { mapLimit } from './parallel'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and returns results in order', async () => {
    let inFlight = 0
    let most = 0
    const out = await mapLimit([30, 5, 20, 1, 10], 2, async (ms, i) => {
      most = Math.max(most, ++inFlight)
      await tick(ms)
      inFlight--
      return i * 10
    })
    expect(out).toEqual([0, 10, 20, 30, 40])
    expect(most).toBe(2)
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = []
    await expect(
      mapLimit([1, 2, 3, 4], 1, async (x) => {
        started.push(x)
        if (x === 2) throw new Error('boom')
        return x
      }),
    ).rejects.toThrow('boom')
    expect(started).toEqual([1, 2])
  })
})
