import { beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../../nodes/index'
import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import { warmUp } from '../../../runtime/cli/worker-warm-up'
import { testRegistry } from '../../support/test-nodes'

let backend: string
beforeAll(async () => {
  backend = await setupNodeBackend()
})

describe('worker warm-up', () => {
  it('trains small networks until its CPU budget is spent, and skips a registry without the node types', async () => {
    const start = process.cpuUsage()
    const rounds = await warmUp(createRegistry(), backend, 150)
    const spent = (process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000
    expect(rounds).toBeGreaterThanOrEqual(1)
    expect(spent).toBeGreaterThanOrEqual(150)
    expect(await warmUp(testRegistry(), 'cpu', 150)).toBe(0)
  }, 30_000)
})
