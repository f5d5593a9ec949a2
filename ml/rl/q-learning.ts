import { continuedTraining, type Agent, type AgentAlgorithm, type TrainStart } from './agent'
import type { EnvSpec } from './env'
import { makeEnv } from './environments'
import { runEpisodes, type EpisodeHooks, type Learner } from './episodes'
import { fork, randomInt, seeded, type Uniform } from './random'
import { epsilonAt } from './schedule'

export interface QLearningConfig {
  episodes: number
  /** Learning rate α. */
  alpha: number
  /** Discount γ. */
  gamma: number
  /** ε falls linearly from `start` to `end` over the first `episodes` episodes (a count, so more episodes never change earlier ones). */
  epsilon: { start: number; end: number; episodes: number }
}

/** Where a Q-learning run stopped, beside its table: episodes done and its two random streams. */
interface QResume {
  episodes: number
  envRandom: number
  agentRandom: number
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
    const { start, end, episodes } = this.config.epsilon
    const eps = epsilonAt({ start, end, fraction: episodes > 0 ? 1 : 0 }, episode / Math.max(1, episodes))
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
 * ε-greedily. Needs a discrete observation space. `start.from` trains a given agent further;
 * `start.previous` continues a shorter run of this same training, giving exactly the agent a run
 * from scratch would give.
 */
export async function trainQLearning(env: EnvSpec, config: QLearningConfig, random: Uniform, hooks: EpisodeHooks, start: TrainStart = {}): Promise<Agent> {
  const shape = makeEnv(env, () => 0.5)
  if (shape.observationSpace.kind !== 'discrete') {
    throw new Error(`Q-learning needs a discrete environment (a grid world); ${env.title} has continuous observations — use DQN.`)
  }
  const states = shape.observationSpace.n
  const actions = shape.actionSpace.n
  const resume = readResume(start.previous, config.episodes, states, actions)
  const envRandom = resume ? seeded(resume.at.envRandom) : fork(random)
  const live = makeEnv(env, envRandom)
  const agentRandom = resume ? seeded(resume.at.agentRandom) : fork(random)
  const initial = resume?.table ?? (start.from && readTable(start.from.state))
  const table: QTable = initial ? copyTable(initial) : { states, actions, q: new Float64Array(states * actions) }
  if (table.states !== states || table.actions !== actions) throw new Error('The agent to continue from was trained on another map; train a new one.')
  if (resume) hooks.onResume?.(resume.at.episodes)
  const { returns, lengths } = await runEpisodes(live, new QLearner(table, config, agentRandom), config.episodes, hooks, resume?.at.episodes)
  const training = continuedTraining((resume ? start.previous : start.from)?.training, returns, lengths)
  const at: QResume = { episodes: config.episodes, envRandom: envRandom.state(), agentRandom: agentRandom.state() }
  return {
    kind: 'agent',
    algorithm: qLearning.id,
    env,
    state: table as unknown as Record<string, unknown>,
    training,
    summary: { algorithm: qLearning.id, episodes: training.returns.length, states, actions },
    resume: at as unknown as Record<string, unknown>,
  }
}

/** The table and position of a shorter run to go on from; undefined when there is none that fits. */
function readResume(previous: Agent | undefined, episodes: number, states: number, actions: number): { at: QResume; table: QTable } | undefined {
  const at = previous?.resume as QResume | undefined
  if (!previous || previous.algorithm !== qLearning.id || !at) return undefined
  const ok = Number.isInteger(at.episodes) && at.episodes <= episodes && Number.isInteger(at.envRandom) && Number.isInteger(at.agentRandom)
  if (!ok) return undefined
  try {
    const table = readTable(previous.state)
    return table.states === states && table.actions === actions ? { at, table } : undefined
  } catch {
    return undefined
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
