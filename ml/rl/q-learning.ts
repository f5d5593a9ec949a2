import { continuedTraining, type Agent, type AgentAlgorithm } from './agent'
import type { EnvSpec } from './env'
import { makeEnv } from './environments'
import { runEpisodes, type EpisodeHooks, type Learner } from './episodes'
import { fork, randomInt, type Uniform } from './random'
import { epsilonAt, type EpsilonSchedule } from './schedule'

export interface QLearningConfig {
  episodes: number
  /** Learning rate α. */
  alpha: number
  /** Discount γ. */
  gamma: number
  epsilon: EpsilonSchedule
}

/** The tabular agent's state: Q[state × actions], row-major. */
export interface QTable {
  states: number
  actions: number
  q: Float64Array
}

function readTable(state: Record<string, unknown>): QTable {
  const t = state as unknown as QTable
  if (!(t.q instanceof Float64Array) || t.q.length !== t.states * t.actions) throw new Error('The agent has no Q-table.')
  return t
}

/** Greedy with ties broken at random, so an untrained (all-zero) row explores every action. */
function bestAction(q: Float64Array, row: number, actions: number, random: Uniform): number {
  let best = -Infinity
  let count = 0
  let pick = 0
  for (let a = 0; a < actions; a++) {
    const v = q[row + a]
    if (v > best) {
      best = v
      count = 1
      pick = a
    } else if (v === best && random() * ++count < 1) pick = a
  }
  return pick
}

class QLearner implements Learner {
  constructor(
    private readonly table: QTable,
    private readonly config: QLearningConfig,
    private readonly random: Uniform,
  ) {}

  act(observation: Float64Array, episode: number): number {
    const { q, actions } = this.table
    const eps = epsilonAt(this.config.epsilon, episode / this.config.episodes)
    if (this.random() < eps) return randomInt(this.random, actions)
    return bestAction(q, observation[0] * actions, actions, this.random)
  }

  learn(t: { observation: Float64Array; action: number; reward: number; next: Float64Array; terminated: boolean }): void {
    const { q, actions } = this.table
    const i = t.observation[0] * actions + t.action
    let target = t.reward
    if (!t.terminated) {
      const next = t.next[0] * actions
      let max = q[next]
      for (let a = 1; a < actions; a++) max = Math.max(max, q[next + a])
      target += this.config.gamma * max
    }
    q[i] += this.config.alpha * (target - q[i])
  }
}

/**
 * Tabular Q-learning (Watkins 1989): Q(s,a) ← Q(s,a) + α (r + γ max Q(s′,·) − Q(s,a)), acting
 * ε-greedily. Needs a discrete observation space. `from` continues training a cached agent.
 */
export async function trainQLearning(env: EnvSpec, config: QLearningConfig, random: Uniform, hooks: EpisodeHooks, from?: Agent): Promise<Agent> {
  const live = makeEnv(env, fork(random))
  if (live.observationSpace.kind !== 'discrete') {
    throw new Error(`Q-learning needs a discrete environment (a grid world); ${env.title} has continuous observations — use DQN.`)
  }
  const states = live.observationSpace.n
  const actions = live.actionSpace.n
  const table: QTable = from ? copyTable(readTable(from.state)) : { states, actions, q: new Float64Array(states * actions) }
  const { returns, lengths } = await runEpisodes(live, new QLearner(table, config, fork(random)), config.episodes, hooks)
  return {
    kind: 'agent',
    algorithm: qLearning.id,
    env,
    state: table as unknown as Record<string, unknown>,
    training: continuedTraining(from, returns, lengths),
    summary: { algorithm: qLearning.id, episodes: config.episodes + (from?.training.returns.length ?? 0), states, actions },
  }
}

function copyTable(t: QTable): QTable {
  return { states: t.states, actions: t.actions, q: t.q.slice() }
}

export const qLearning: AgentAlgorithm = {
  id: 'q-learning',
  title: 'Q-learning',
  actionValues(state, observation) {
    const t = readTable(state)
    const s = observation[0]
    if (!Number.isInteger(s) || s < 0 || s >= t.states) throw new Error(`State ${s} is outside this agent's Q-table (${t.states} states).`)
    return t.q.slice(s * t.actions, (s + 1) * t.actions)
  },
}
