import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { BackendName } from '../../runtime/backend/choose-backend'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import type { Agent } from './agent'
import { corridor, corridorDqn } from '../../tests/support/dqn-corridor'
import { trainDqn } from './dqn'
import type { EnvSpec } from './env'
import { FROZEN_LAKE_4X4, MAZE } from './maps'
import { trainQLearning, type QLearningConfig } from './q-learning'
import { seeded } from './random'

const grid = (map: string, slip: number): EnvSpec => ({
  kind: 'environment',
  env: 'grid',
  title: 'Grid',
  config: { map, slip, stepReward: -0.01, goalReward: 1, trapReward: -1 },
  maxSteps: 100,
})
const hooks = () => {
  const resumed: number[] = []
  return { resumed, hooks: { signal: new AbortController().signal, onResume: (e: number) => void resumed.push(e) } }
}
/** An agent as the cache gives it back in another process. */
const cached = async (a: Agent) => (await decodeValue(await encodeValue(a))) as Agent

describe('Q-learning continued from a shorter run of itself', () => {
  const config = (episodes: number): QLearningConfig => ({ episodes, alpha: 0.3, gamma: 0.95, epsilon: { start: 1, end: 0.05, episodes: 200 } })

  it.each([
    ['the maze', grid(MAZE, 0)],
    ['slippery FrozenLake', grid(FROZEN_LAKE_4X4, 2 / 3)],
  ])('on %s equals training from scratch in one go, bit for bit', async (_name, env) => {
    const short = await trainQLearning(env, config(120), seeded(7), hooks().hooks)
    const { resumed, hooks: h } = hooks()
    const continued = await trainQLearning(env, config(300), seeded(7), h, { previous: await cached(short) })
    expect(resumed).toEqual([120])
    const scratch = await trainQLearning(env, config(300), seeded(7), hooks().hooks)
    expect(continued).toEqual(scratch)
    expect(continued.training.returns.subarray(0, 120)).toEqual(short.training.returns)
  })

  it('starts afresh from a shorter run with other settings it cannot continue', async () => {
    const env = grid(MAZE, 0)
    const other = await trainQLearning(grid(FROZEN_LAKE_4X4, 0), config(50), seeded(7), hooks().hooks)
    const { resumed, hooks: h } = hooks()
    const scratch = await trainQLearning(env, config(80), seeded(7), hooks().hooks)
    expect(await trainQLearning(env, config(80), seeded(7), h, { previous: other })).toEqual(scratch)
    const longer = await trainQLearning(env, config(80), seeded(7), hooks().hooks)
    const fromLonger = await trainQLearning(env, config(60), seeded(7), h, { previous: longer })
    expect(resumed).toEqual([])
    expect(fromLonger).toEqual(await trainQLearning(env, config(60), seeded(7), hooks().hooks))
  })
})

// The corridor of dqn.test.ts, with a greedy check every 10 episodes: the 12-episode run makes an
// extra one at its end that a longer run does not.
const dqnConfig = (episodes: number) => corridorDqn({ episodes, bufferSize: 200, evalEvery: 10, evalEpisodes: 2 })

describe.each<BackendName>(['cpu', 'wasm'])('DQN continued from a shorter run of itself on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await setupNodeBackend(backend)).toBe(backend)
  })

  it('equals training from scratch in one go, bit for bit: networks, Adam state, replay buffer, ε position, kept checkpoint', async () => {
    const short = await trainDqn(corridor, dqnConfig(12), seeded(4), hooks().hooks)
    const before = tf.memory().numTensors
    const { resumed, hooks: h } = hooks()
    const continued = await trainDqn(corridor, dqnConfig(30), seeded(4), h, { previous: await cached(short) })
    expect(tf.memory().numTensors).toBe(before)
    expect(resumed).toEqual([12])
    const scratch = await trainDqn(corridor, dqnConfig(30), seeded(4), hooks().hooks)
    expect(continued).toEqual(scratch)
    expect(continued.summary.steps).toBeGreaterThan(short.summary.steps as number)
  })
})
