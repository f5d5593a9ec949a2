import { describe, expect, it } from 'vitest'
import { argmax, meanStd, playEpisode, type Agent } from './agent'
import type { EnvSpec } from './env'
import { makeEnv } from './environments'
import { parseGridMap, shortestPathLength } from './grid-map'
import { FROZEN_LAKE_4X4, MAZE } from './maps'
import { qLearning, trainQLearning, type QLearningConfig } from './q-learning'
import { seeded, type Uniform } from './random'

/** Returns of `episodes` greedy episodes on a fresh environment seeded by `random`. */
function greedyReturns(agent: Agent, episodes: number, random: Uniform): Float64Array {
  const live = makeEnv(agent.env, random)
  const policy = (obs: Float64Array) => argmax(qLearning.actionValues(agent.state, obs))
  return Float64Array.from({ length: episodes }, () => playEpisode(live, policy).total)
}

const maze: EnvSpec = {
  kind: 'environment',
  env: 'grid',
  title: 'Maze',
  config: { map: MAZE, slip: 0, stepReward: -0.01, goalReward: 1, trapReward: -1 },
  maxSteps: 200,
}
const config: QLearningConfig = { episodes: 400, alpha: 0.5, gamma: 0.99, epsilon: { start: 1, end: 0.05, episodes: 320 } }
const hooks = { signal: new AbortController().signal }

describe('tabular Q-learning', () => {
  it('learns the shortest path through the maze (greedy path length = breadth-first search)', async () => {
    const agent = await trainQLearning(maze, config, seeded(1), hooks)
    const episode = playEpisode(makeEnv(maze, seeded(2)), (obs) => argmax(qLearning.actionValues(agent.state, obs)))
    expect(episode.terminated).toBe(true)
    expect(episode.actions.length).toBe(shortestPathLength(parseGridMap(MAZE)))
    expect(episode.total).toBeCloseTo(1 - 0.01 * 25, 10)
    // Training returns improve: the last 50 episodes beat the first 50 on average.
    const r = agent.training.returns
    expect(meanStd(r.subarray(-50)).mean).toBeGreaterThan(meanStd(r.subarray(0, 50)).mean)
  })

  it('gives the same returns and Q-table from the same seed, different ones from another', async () => {
    const a = await trainQLearning(maze, { ...config, episodes: 60 }, seeded(9), hooks)
    const b = await trainQLearning(maze, { ...config, episodes: 60 }, seeded(9), hooks)
    const c = await trainQLearning(maze, { ...config, episodes: 60 }, seeded(10), hooks)
    expect(Array.from(a.training.returns)).toEqual(Array.from(b.training.returns))
    expect(Array.from(a.state.q as Float64Array)).toEqual(Array.from(b.state.q as Float64Array))
    expect(Array.from(a.training.returns)).not.toEqual(Array.from(c.training.returns))
  })

  it('solves slippery FrozenLake 4×4 about as often as the optimal policy (~74 %)', async () => {
    const lake: EnvSpec = { kind: 'environment', env: 'grid', title: 'FrozenLake', config: { map: FROZEN_LAKE_4X4, slip: 2 / 3 }, maxSteps: 100 }
    const agent = await trainQLearning(lake, { episodes: 8000, alpha: 0.05, gamma: 0.99, epsilon: { start: 1, end: 0.05, episodes: 4000 } }, seeded(3), hooks)
    const success = meanStd(greedyReturns(agent, 2000, seeded(4))).mean
    expect(success).toBeGreaterThan(0.7)
  })

  it('continues from an agent: the Q-table carries over', async () => {
    const first = await trainQLearning(maze, config, seeded(1), hooks)
    const more = await trainQLearning(maze, { ...config, episodes: 5, epsilon: { start: 0, end: 0, episodes: 0 } }, seeded(5), hooks, { from: first })
    // Already trained: every greedy continuation episode takes the shortest path.
    expect(Array.from(more.training.lengths.subarray(400))).toEqual([26, 26, 26, 26, 26])
    expect(Array.from(more.training.returns.subarray(0, 400))).toEqual(Array.from(first.training.returns))
    expect(more.summary.episodes).toBe(405)
    expect(first.state.q).not.toBe(more.state.q)
  })

  it('refuses continuous environments and stops on cancel', async () => {
    const cart: EnvSpec = { kind: 'environment', env: 'cartpole', title: 'CartPole', config: {}, maxSteps: 500 }
    await expect(trainQLearning(cart, config, seeded(1), hooks)).rejects.toThrow('Q-learning needs a discrete environment')
    const ac = new AbortController()
    ac.abort()
    await expect(trainQLearning(maze, config, seeded(1), { signal: ac.signal })).rejects.toThrow('cancelled')
  })
})
