import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Metrics } from '../../runtime/values/ml'
import { argmax, meanStd, playEpisode } from '../../ml/rl/agent'
import { algorithmOf } from '../../ml/rl/algorithms'
import { makeEnv } from '../../ml/rl/environments'
import { requireAgent, requireEnv } from './progress'

export const evaluateAgentNode = defineNode({
  type: 'rl.evaluate',
  version: 1,
  category: 'rl',
  title: 'Evaluate agent',
  description:
    'Plays episodes with the greedy policy (always the best-valued action, no exploration) and reports the mean and ' +
    'standard deviation of the return, its range, the mean episode length and the share of episodes that ended before ' +
    'the step limit. Wire another environment to test the agent somewhere else (e.g. slippery ice).',
  inputs: { agent: port.agent(), environment: port.environment({ optional: true, description: 'Defaults to the environment the agent was trained in.' }) },
  outputs: { metrics: port.metrics() },
  params: () => ({
    episodes: p.int({ default: 100, min: 1, max: 100_000, title: 'Episodes' }),
    seed: p.int({ default: 0, min: 0, max: 2 ** 31 - 1, title: 'Seed' }),
  }),
  run(inputs, params, ctx) {
    const agent = requireAgent(inputs.agent)
    const spec = inputs.environment === undefined ? agent.env : requireEnv(inputs.environment)
    const algorithm = algorithmOf(agent)
    const env = makeEnv(spec, ctx.random)
    const returns = new Float64Array(params.episodes)
    const lengths = new Float64Array(params.episodes)
    let ended = 0
    for (let i = 0; i < params.episodes; i++) {
      if (ctx.signal.aborted) throw new Error('Evaluation was cancelled.')
      const e = playEpisode(env, (obs) => argmax(algorithm.actionValues(agent.state, obs)))
      returns[i] = e.total
      lengths[i] = e.actions.length
      if (e.terminated) ended++
    }
    const r = meanStd(returns)
    const metrics: Metrics = {
      kind: 'metrics',
      scalars: {
        meanReturn: r.mean,
        stdReturn: r.std,
        minReturn: returns.reduce((a, b) => Math.min(a, b)),
        maxReturn: returns.reduce((a, b) => Math.max(a, b)),
        meanLength: meanStd(lengths).mean,
        endedShare: ended / params.episodes,
        episodes: params.episodes,
      },
      curves: { returns: { x: Array.from(returns, (_, i) => i + 1), y: Array.from(returns), xLabel: 'Episode', yLabel: 'Return' } },
    }
    return { metrics }
  },
})
