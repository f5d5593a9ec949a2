import * as tf from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { argmax, playEpisode, type Agent } from './agent'
import { corridor, corridorDqn } from '../../tests/support/dqn-corridor'
import { dqn, trainDqn } from './dqn'
import { makeEnv } from './environments'
import { seeded } from './random'

beforeAll(async () => {
  await setupNodeBackend()
})

const config = corridorDqn()
const hooks = { signal: new AbortController().signal }
const greedyPath = (agent: Agent) => playEpisode(makeEnv(agent.env, seeded(0)), (o) => argmax(dqn.actionValues(agent.state, o)))

describe('DQN', () => {
  it('learns the corridor, gives the same returns from the same seed and leaves no tensors', async () => {
    const before = tf.memory().numTensors
    const a = await trainDqn(corridor, config, seeded(4), hooks)
    const b = await trainDqn(corridor, config, seeded(4), hooks)
    expect(tf.memory().numTensors).toBe(before)
    expect(Array.from(a.training.returns)).toEqual(Array.from(b.training.returns))
    expect(Array.from((a.state.net as { weights: Float32Array[] }).weights[0])).toEqual(Array.from((b.state.net as { weights: Float32Array[] }).weights[0]))
    const path = greedyPath(a)
    expect(Array.from(path.actions)).toEqual([2, 2, 2])
    expect(path.total).toBeCloseTo(0.9, 10)
    // A trained agent is plain data: after the cache codec it acts the same.
    const back = (await decodeValue(await encodeValue(a))) as Agent
    expect(Array.from(greedyPath(back).actions)).toEqual([2, 2, 2])
  })

  it('keeps the best greedy checkpoint and continues from a trained agent', async () => {
    const first = await trainDqn(corridor, { ...config, evalEvery: 10, evalEpisodes: 1 }, seeded(4), hooks)
    expect(first.summary).toMatchObject({ keptEvalReturn: expect.closeTo(0.9, 10) })
    const more = await trainDqn(corridor, { ...config, episodes: 3, learningStarts: 1000, epsilonStart: 0, epsilonEnd: 0 }, seeded(5), hooks, { from: first })
    expect(Array.from(more.training.lengths.subarray(30))).toEqual([3, 3, 3])
    expect(more.summary.episodes).toBe(33)
  })

  it('stops on cancel and refuses an agent with another network', async () => {
    const ac = new AbortController()
    ac.abort()
    await expect(trainDqn(corridor, config, seeded(1), { signal: ac.signal })).rejects.toThrow('cancelled')
    const small = await trainDqn(corridor, { ...config, episodes: 1 }, seeded(1), hooks)
    await expect(trainDqn(corridor, { ...config, layers: [{ units: 8, activation: 'relu' }] }, seeded(1), hooks, { from: small })).rejects.toThrow('different network')
  })
})
