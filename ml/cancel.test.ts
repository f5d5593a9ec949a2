import { describe, expect, it } from 'vitest'
import { yieldEvery } from './cancel'

describe('yieldEvery', () => {
  it('gives the event loop no turn until its interval has passed, then one', async () => {
    let ran = false
    setImmediate(() => (ran = true))
    const never = yieldEvery(60_000)
    for (let i = 0; i < 1000; i++) await never()
    expect(ran).toBe(false)
    await yieldEvery(0)()
    expect(ran).toBe(true)
  })
})
