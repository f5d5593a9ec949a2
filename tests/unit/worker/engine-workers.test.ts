import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { Engine, type EngineHost } from '../../../runtime/worker/engine'
import { BrowserFileStore } from '../../../runtime/worker/file-store'
import { warmPool, workerPort } from '../../../runtime/worker/pool-port'
import { channelWorker } from '../../support/channel-worker'
import { graph } from '../../support/graph'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const doc = graph(
  [
    ['a', 'test.const', { value: 3 }],
    ['s1', 'test.slow', { steps: 12 }],
    ['s2', 'test.slow', { steps: 13 }],
  ],
  ['a.out->s1.a', 'a.out->s2.a'],
)

/** An engine whose pools run on channel workers; `pools` records each pool asked for and its workers. */
function engineWithPools(pool = true) {
  const pools: { size: number; backend: string; workers: ReturnType<typeof channelWorker>[] }[] = []
  const host: EngineHost = {
    registry,
    cache: new NodeCache(),
    files: new BrowserFileStore(`files-${Math.random()}`),
    startBackend: async () => ({ backend: 'cpu', failed: [], available: ['cpu'] }),
  }
  if (pool) {
    host.pool = (size, backend) => {
      const record = { size, backend, workers: [] as ReturnType<typeof channelWorker>[] }
      pools.push(record)
      return warmPool(size, () => {
        record.workers.push(channelWorker(registry))
        return workerPort(record.workers.at(-1)!.handle, backend)
      })
    }
  }
  return { engine: new Engine(host), pools }
}

const workersOf = (report: Awaited<ReturnType<Engine['run']>>) => Object.values(report.nodes).map((n) => n.worker ?? 0)

describe('Engine.setWorkers', () => {
  it('runs nodes on a pool of that many workers with the engine’s backend, and on its own thread at 1', async () => {
    const { engine, pools } = engineWithPools()
    await engine.init()
    expect(await engine.setWorkers(2)).toEqual({ workers: 2 })
    expect(pools.map((p) => [p.size, p.backend, p.workers.length])).toEqual([[2, 'cpu', 2]])
    const pooled = await engine.run({ doc }, () => undefined)
    expect(workersOf(pooled).every((w) => w === 1 || w === 2)).toBe(true)
    expect(pooled.nodes.s1.worker).not.toBe(pooled.nodes.s2.worker)

    await engine.setWorkers(1)
    await new Promise((r) => setTimeout(r, 0))
    expect(pools[0].workers.map((w) => w.terminated)).toEqual([true, true])
    const alone = await engine.run({ doc, force: ['a'] }, () => undefined)
    expect(workersOf(alone)).toEqual([0, 0, 0])
    expect(alone.nodes.s2.summary).toEqual(pooled.nodes.s2.summary)
  })

  it('refuses a count it cannot use, saying what it takes', async () => {
    const { engine } = engineWithPools()
    await expect(engine.setWorkers(2)).rejects.toThrow('Start the engine (init) before setting its workers.')
    await engine.init()
    for (const bad of [0, 1.5, 17, NaN]) await expect(engine.setWorkers(bad)).rejects.toThrow(`Workers must be a whole number from 1 to 16, not ${bad}.`)
    const plain = engineWithPools(false).engine
    await plain.init()
    await expect(plain.setWorkers(2)).rejects.toThrow('This engine cannot start workers; it runs every node on its own thread.')
    expect(await plain.setWorkers(1)).toEqual({ workers: 1 })
  })
})
