import { z } from 'zod'
import { defineNode, paramsUnchanged, type NodeContext } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { seededRandom } from '../../runtime/exec/rng'
import { trainDqn } from '../../ml/rl/dqn'
import { trainQLearning } from '../../ml/rl/q-learning'
import type { Agent, TrainStart } from '../../ml/rl/agent'
import type { EnvSpec } from '../../ml/rl/env'
import { episodeProgress, requireAgent, requireEnv, trainingSummary } from './progress'

const seed = () =>
  p.int({
    default: 0,
    min: 0,
    max: 2 ** 31 - 1,
    title: 'Seed',
    description: 'Seeds the environment and the agent: the same seed gives the same returns, whatever the number of episodes.',
  })
const gamma = () => p.number({ default: 0.99, min: 0, max: 1, step: 0.01, title: 'Discount (γ)', description: 'Weight of the next step’s value; near 1 plans far ahead.' })
const epsilonStart = () => p.number({ default: 1, min: 0, max: 1, step: 0.05, title: 'ε start', description: 'Chance of a random action at the start of training.' })
const epsilonEnd = (d: number) => p.number({ default: d, min: 0, max: 1, step: 0.01, title: 'ε end', description: 'Chance of a random action once exploration has decayed.' })

const summarize = (outputs: Record<string, unknown>) => trainingSummary(requireAgent(outputs.agent))

const fromPort = () =>
  port.agent({
    optional: true,
    label: 'continue from',
    description: 'A trained agent of the same kind and environment: training goes on from it instead of starting afresh.',
  })

/** The agent to continue from, checked against this node's algorithm and environment. */
function continueFrom(v: unknown, algorithm: string, env: EnvSpec): Agent | undefined {
  if (v === undefined) return undefined
  const from = requireAgent(v)
  if (from.algorithm !== algorithm) throw new Error(`Input "from" holds a ${from.algorithm} agent; this node continues only ${algorithm} agents.`)
  if (JSON.stringify(from.env) !== JSON.stringify(env)) {
    throw new Error(`Input "from" was trained in ${from.env.title} with other settings; wire the same environment to both nodes.`)
  }
  return from
}

/**
 * Where training starts: the wired agent, and this node's own shorter run when only the episodes
 * grew (raising episodes continues it; the result equals training from scratch). The random
 * streams come from the seed alone, never from the cache key, which holds the episode count.
 */
async function trainingStart(ctx: NodeContext, from: Agent | undefined, algorithm: string, params: { episodes: number; seed: number }) {
  const previous = await ctx.previous?.()
  const earlier = previous?.outputs.agent as Agent | undefined
  const start: TrainStart = { from, ...(earlier?.algorithm === algorithm ? { previous: earlier } : {}) }
  const hooks = {
    signal: ctx.signal,
    onEpisode: episodeProgress(ctx, params.episodes, earlier?.training.returns),
    onResume: (episodes: number) => previous?.used(`episode ${episodes}`),
  }
  return { start, hooks, random: seededRandom(params.seed) }
}

export const qLearningNode = defineNode({
  type: 'rl.q-learning',
  // 2: ε falls over a number of episodes (was a share of them); streams seeded from `seed` alone.
  version: 2,
  category: 'rl',
  title: 'Q-learning',
  description:
    'Tabular Q-learning on a grid world: one value per cell and action, updated after every step towards the reward plus ' +
    'the discounted best value of the next cell. Acts ε-greedily; ε falls linearly over the first part of the episodes. ' +
    'Raising the episodes continues the cached run. Wire a trained agent into "continue from" to train it further.',
  inputs: { environment: port.environment(), from: fromPort() },
  outputs: { agent: port.agent() },
  continueOn: ['episodes'],
  migrate(params, fromVersion) {
    if (fromVersion >= 2) return params
    const { epsilonFraction, ...rest } = params
    const share = typeof epsilonFraction === 'number' ? epsilonFraction : 0.8
    const episodes = typeof params.episodes === 'number' ? params.episodes : 500
    return { ...rest, explorationEpisodes: Math.round(share * episodes) }
  },
  params: () => ({
    episodes: p.int({ default: 500, min: 1, max: 1_000_000, title: 'Episodes', description: 'Raising them continues the cached run.' }),
    alpha: p.number({ default: 0.5, gt: 0, max: 1, step: 0.05, title: 'Learning rate (α)' }),
    gamma: gamma(),
    epsilonStart: epsilonStart(),
    epsilonEnd: epsilonEnd(0.05),
    explorationEpisodes: p.int({
      default: 400,
      min: 0,
      max: 1_000_000,
      title: 'Exploration episodes',
      description: 'Episodes over which ε falls from start to end; it stays at the end value after them.',
    }),
    seed: seed(),
  }),
  async run({ environment, from }, params, ctx) {
    const env = requireEnv(environment)
    const config = {
      episodes: params.episodes,
      alpha: params.alpha,
      gamma: params.gamma,
      epsilon: { start: params.epsilonStart, end: params.epsilonEnd, episodes: params.explorationEpisodes },
    }
    const { start, hooks, random } = await trainingStart(ctx, continueFrom(from, 'q-learning', env), 'q-learning', params)
    return { agent: await trainQLearning(env, config, random, hooks, start) }
  },
  summarize,
})

const layer = z.object({
  units: z.number().int().min(1).max(1024),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'elu', 'linear']).default('relu'),
})

export const dqnNode = defineNode({
  type: 'rl.dqn',
  // 2: random streams seeded from `seed` alone (were seeded from the cache key).
  version: 2,
  migrate: paramsUnchanged,
  category: 'rl',
  tensors: true,
  title: 'DQN',
  description:
    'Deep Q-network: a neural network maps an observation to a value per action. Trained with Adam on the Huber loss ' +
    'against a target network copied every few steps, from transitions replayed at random out of a buffer; acts ' +
    'ε-greedily. Every few episodes it plays greedy test episodes and keeps the best network. Wire a trained agent ' +
    'into "continue from" to train it further. Raising the episodes continues the cached run (networks, Adam state, ' +
    'replay buffer and ε position), with the result training from scratch would give.',
  inputs: { environment: port.environment(), from: fromPort() },
  outputs: { agent: port.agent() },
  continueOn: ['episodes'],
  params: () => ({
    episodes: p.int({ default: 300, min: 1, max: 100_000, title: 'Episodes', description: 'Raising them continues the cached run.' }),
    layers: p.custom(
      z.array(layer).max(8).default([
        { units: 64, activation: 'relu' },
        { units: 64, activation: 'relu' },
      ]),
      'layers',
      { title: 'Hidden layers', description: 'Units and activation per hidden layer; a linear output layer with one unit per action follows.' },
    ),
    learningRate: p.number({ default: 0.001, gt: 0, max: 1, title: 'Learning rate (Adam)' }),
    gamma: gamma(),
    batchSize: p.int({ default: 64, min: 1, max: 4096, title: 'Batch size' }),
    bufferSize: p.int({ default: 50_000, min: 1, max: 1_000_000, title: 'Replay buffer', description: 'Transitions kept for replay; the oldest are dropped.' }),
    learningStarts: p.int({ default: 1000, min: 0, max: 1_000_000, title: 'Warm-up steps', description: 'Steps of play before the first gradient step.', advanced: true }),
    trainEvery: p.int({ default: 2, min: 1, max: 10_000, title: 'Train every (steps)', advanced: true }),
    gradientSteps: p.int({ default: 1, min: 1, max: 10_000, title: 'Gradient steps per training', advanced: true }),
    targetUpdate: p.int({ default: 500, min: 1, max: 1_000_000, title: 'Target update period (steps)', description: 'Steps between copies of the network into the target network.' }),
    epsilonStart: epsilonStart(),
    epsilonEnd: epsilonEnd(0.05),
    explorationSteps: p.int({ default: 10_000, min: 0, max: 10_000_000, title: 'Exploration steps', description: 'Steps over which ε falls from start to end.' }),
    evalEvery: p.int({ default: 10, min: 0, max: 100_000, title: 'Check every (episodes)', description: 'Greedy test episodes every this many episodes; the best network is kept. 0 = keep the last.', advanced: true }),
    evalEpisodes: p.int({ default: 10, min: 1, max: 1000, title: 'Test episodes per check', advanced: true }),
    seed: seed(),
  }),
  async run({ environment, from }, params, ctx) {
    const env = requireEnv(environment)
    const { seed: _seed, ...config } = params
    const { start, hooks, random } = await trainingStart(ctx, continueFrom(from, 'dqn', env), 'dqn', params)
    return { agent: await trainDqn(env, config, random, hooks, start) }
  },
  summarize,
})
