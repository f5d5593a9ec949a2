import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { algorithmOf } from '../../ml/rl/algorithms'
import { gridPicture, movingAverage, replayEpisode } from '../../ml/rl/pictures'
import { figure, round } from '../figure/display'
import { requireAgent } from './progress'

export const rewardCurveNode = defineNode({
  type: 'rl.reward-curve',
  version: 1,
  category: 'rl',
  title: 'Reward per episode',
  description: 'The return of every training episode and its moving average: a rising average is an agent that learns.',
  inputs: { agent: port.agent() },
  outputs: { figure: port.figure() },
  params: { window: p.int({ default: 50, min: 1, max: 10_000, title: 'Average over (episodes)' }) },
  run({ agent }, params) {
    const a = requireAgent(agent)
    const returns = a.training.returns
    const average = movingAverage(returns, params.window)
    // Long runs: every k-th episode keeps the figure display-sized; the average is over all of them.
    const step = Math.max(1, Math.ceil(returns.length / 5000))
    const x: number[] = []
    for (let i = 0; i < returns.length; i += step) x.push(i + 1)
    const series = [
      { name: 'return', mode: 'line' as const, x, y: x.map((e) => returns[e - 1]) },
      { name: `average of ${params.window}`, mode: 'line' as const, x, y: x.map((e) => average[e - 1]) },
    ]
    const notes = step > 1 ? [`Showing every ${step}th of ${returns.length} episodes.`] : []
    const summary = { chart: 'reward curve', episodes: returns.length, finalAverage: round(average[average.length - 1] ?? NaN) }
    return { figure: figure({ chart: 'line', title: 'Reward per episode', xLabel: 'Episode', yLabel: 'Return', series, summary, notes }) }
  },
})

export const policyMapNode = defineNode({
  type: 'rl.policy-map',
  version: 1,
  category: 'rl',
  title: 'Policy map',
  description: "Draws the grid world with the agent's greedy action as an arrow in every cell, coloured by the best action value.",
  inputs: { agent: port.agent() },
  outputs: { figure: port.figure() },
  params: {},
  run({ agent }) {
    const a = requireAgent(agent)
    const grid = gridPicture(a.env, { algorithm: algorithmOf(a), value: a })
    const summary = { chart: 'policy map', cells: grid.rows * grid.cols }
    return { figure: figure({ chart: 'grid', title: `Greedy policy — ${a.env.title}`, xLabel: '', yLabel: '', series: [], grid, summary }) }
  },
})

export const episodeReplayNode = defineNode({
  type: 'rl.replay',
  version: 1,
  category: 'rl',
  title: 'Episode replay',
  description: 'Records one greedy episode of the agent and plays it back as an animation (grid worlds, CartPole, MountainCar).',
  inputs: { agent: port.agent() },
  outputs: { figure: port.figure() },
  params: { seed: p.int({ default: 0, min: 0, max: 2 ** 31 - 1, title: 'Seed', description: 'Picks the episode (start state, slips).' }) },
  run({ agent }, _params, ctx) {
    const a = requireAgent(agent)
    const replay = replayEpisode(algorithmOf(a), a, ctx.random)
    const total = replay.rewards.reduce((s, r) => s + r, 0)
    const summary = { chart: 'replay', steps: replay.actions.length, return: round(total) }
    return { figure: figure({ chart: 'replay', title: `Episode replay — ${a.env.title}`, xLabel: '', yLabel: '', series: [], replay, summary }) }
  },
})
