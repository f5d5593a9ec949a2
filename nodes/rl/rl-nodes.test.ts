import { describe, expect, it } from 'vitest'
import type { Agent } from '../../ml/rl/agent'
import type { EnvSpec } from '../../ml/rl/env'
import type { Figure } from '../../runtime/values/figure'
import type { Metrics } from '../../runtime/values/ml'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { params, runNode, testContext } from '../../tests/support/table-testing'
import { qLearningNode } from './agents'
import { cartPoleNode, frozenLakeNode, gridWorldNode } from './environments'
import { evaluateAgentNode } from './evaluate'
import { episodeReplayNode, policyMapNode, rewardCurveNode } from './figures'

const maze = async () => (await runNode(gridWorldNode, {})).environment as EnvSpec

async function trainMaze(episodes = 400) {
  const { ctx } = testContext({ seed: 1 })
  const events: { fraction: number; data?: Record<string, unknown> }[] = []
  ctx.progress = (fraction, _m, data) => void events.push({ fraction, data })
  const agent = (await qLearningNode.run({ environment: await maze() }, params(qLearningNode, { episodes }), ctx)).agent as Agent
  return { agent, events }
}

describe('RL environment nodes', () => {
  it('report a bad map by line before running, and refuse to run it', async () => {
    const bad = params(gridWorldNode, { map: 'S.#\n..' })
    expect(gridWorldNode.check!(bad, {})).toEqual(['Map line 2 has 2 cells; the first line has 3. Every row needs the same length.'])
    expect(gridWorldNode.check!(params(gridWorldNode), {})).toEqual([])
    await expect(async () => gridWorldNode.run({}, bad, testContext().ctx)).rejects.toThrow('Map line 2')
  })

  it('give Gymnasium’s limits and FrozenLake’s slip', async () => {
    expect(((await runNode(cartPoleNode, {})).environment as EnvSpec).maxSteps).toBe(500)
    const lake = (await runNode(frozenLakeNode, {}, { size: '8x8' })).environment as EnvSpec
    expect(lake).toMatchObject({ env: 'grid', maxSteps: 200, config: { slip: 2 / 3, stepReward: 0, goalReward: 1, trapReward: 0 } })
  })
})

describe('Q-learning node, evaluation and figures on the maze', () => {
  it('streams the reward curve, evaluates to the shortest path, draws the policy and a replay', async () => {
    const { agent, events } = await trainMaze()
    expect(events).toHaveLength(400)
    expect(events[399]).toMatchObject({ fraction: 1, data: { episode: 400 } })
    expect(events[399].data!.average).toBeCloseTo(Array.from(agent.training.returns.subarray(300)).reduce((a, b) => a + b) / 100, 10)

    const metrics = (await runNode(evaluateAgentNode, { agent }, { episodes: 5 })).metrics as Metrics
    // 26 moves: 25 steps at −0.01, then the goal's +1.
    expect(metrics.scalars).toMatchObject({ meanLength: 26, endedShare: 1, stdReturn: 0, episodes: 5 })
    expect(metrics.scalars.meanReturn).toBeCloseTo(0.75, 10)

    const map = ((await runNode(policyMapNode, { agent })).figure as Figure).grid!
    // From the start (row 1, column 1) the shortest path goes right.
    expect(map.actionNames[map.arrows![map.start]]).toBe('right')
    expect(map.arrows![0]).toBe(-1)

    const replay = ((await runNode(episodeReplayNode, { agent })).figure as Figure).replay!
    expect(replay.actions).toHaveLength(26)
    expect(replay.observations).toHaveLength(27)
    expect(replay.observations[0]).toBe(map.start)
    expect(replay.grid?.cols).toBe(11)

    const curve = (await runNode(rewardCurveNode, { agent }, { window: 10 })).figure as Figure
    expect(curve.series.map((s) => s.name)).toEqual(['return', 'average of 10'])
    expect(curve.series[1].y[399]).toBeCloseTo(Array.from(agent.training.returns.subarray(390)).reduce((a, b) => a + b) / 10, 10)
  })

  it('gives an agent that is plain data: it survives the cache codec and acts the same', async () => {
    const { agent } = await trainMaze(200)
    const back = (await decodeValue(await encodeValue(agent))) as Agent
    expect(back.state.q).toBeInstanceOf(Float64Array)
    expect(Array.from(back.state.q as Float64Array)).toEqual(Array.from(agent.state.q as Float64Array))
    const run = async (a: Agent) => ((await runNode(evaluateAgentNode, { agent: a }, { episodes: 3 })).metrics as Metrics).scalars
    expect(await run(back)).toEqual(await run(agent))
  })

  it('continues training a wired agent, and refuses one from another environment', async () => {
    const { agent } = await trainMaze(200)
    const more = (await runNode(qLearningNode, { environment: await maze(), from: agent }, { episodes: 10, epsilonStart: 0, epsilonEnd: 0 })).agent as Agent
    expect(more.summary.episodes).toBe(210)
    expect(Array.from(more.training.returns.subarray(0, 200))).toEqual(Array.from(agent.training.returns))
    const other = (await runNode(gridWorldNode, {}, { slip: 0.1 })).environment as EnvSpec
    await expect(runNode(qLearningNode, { environment: other, from: agent })).rejects.toThrow('wire the same environment to both nodes')
  })

  it('refuses a continuous environment for the policy map and wrong wiring with a plain message', async () => {
    await expect(async () => runNode(evaluateAgentNode, { agent: { kind: 'model' } })).rejects.toThrow('needs a trained agent')
    const cart = (await runNode(cartPoleNode, {})).environment as EnvSpec
    await expect(runNode(qLearningNode, { environment: cart })).rejects.toThrow('Q-learning needs a discrete environment')
  })
})
