import { MessageChannel as NodeChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTurn } from './event-loop'

/** A message sent now from another port, as a pool worker's answer or a cancel is: whether it has arrived. */
function pendingMessage(): { arrived: () => boolean; close(): void } {
  const { port1, port2 } = new NodeChannel()
  let arrived = false
  port1.on('message', () => (arrived = true))
  port2.postMessage('done')
  return { arrived: () => arrived, close: () => port1.close() }
}

async function msForTurns(turns: number): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < turns; i++) await nextTurn()
  return performance.now() - t0
}

describe.each([
  ['setImmediate (Node)', false],
  ['a MessageChannel (browsers)', true],
])('nextTurn through %s', (_name, hideImmediate) => {
  afterEach(() => vi.unstubAllGlobals())

  it('lets a message that is waiting arrive', async () => {
    if (hideImmediate) vi.stubGlobal('setImmediate', undefined)
    const message = pendingMessage()
    for (let i = 0; i < 20 && !message.arrived(); i++) await nextTurn()
    message.close()
    expect(message.arrived()).toBe(true)
  })

  it('costs far less than a setTimeout(0) per turn (at least 1 ms each in Node)', async () => {
    if (hideImmediate) vi.stubGlobal('setImmediate', undefined)
    expect(await msForTurns(300)).toBeLessThan(150)
  })
})
