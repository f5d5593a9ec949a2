import type { Env, EnvSpec } from './env'

/**
 * The `agent` port value: a trained agent as plain data (typed arrays), so it caches, crosses
 * workers and exports like any model. `state` belongs to the algorithm that trained it.
 */
export interface Agent {
  kind: 'agent'
  /** Stable algorithm id ('q-learning', 'dqn'); never renamed. */
  algorithm: string
  env: EnvSpec
  state: Record<string, unknown>
  /** Return and length of every training episode, in order. */
  training: { returns: Float64Array; lengths: Int32Array }
  summary: Record<string, unknown>
  /**
   * The algorithm's training state after the last episode (random streams, episode count; DQN's
   * online and target networks, optimizer and replay buffer), so that more episodes continue
   * instead of retraining. Cached, never exported.
   */
  resume?: Record<string, unknown>
}

/** Where a training run starts from, besides a fresh agent. */
export interface TrainStart {
  /** A trained agent to train further (the node's "continue from" input): its values, new random streams. */
  from?: Agent
  /** A shorter run of this same training (same settings and seed): go on from its last episode exactly. */
  previous?: Agent
}

/** What evaluation and figures need from an algorithm: the action values of one observation. */
export interface AgentAlgorithm {
  id: string
  title: string
  actionValues(state: Record<string, unknown>, observation: Float64Array): Float64Array
}

export function isAgent(v: unknown): v is Agent {
  return !!v && typeof v === 'object' && (v as Agent).kind === 'agent' && typeof (v as Agent).algorithm === 'string'
}

/** Training history of a run that went on from earlier training: its episodes first, then the new ones. */
export function continuedTraining(earlier: Agent['training'] | undefined, returns: Float64Array, lengths: Int32Array): Agent['training'] {
  if (!earlier) return { returns, lengths }
  const r = new Float64Array(earlier.returns.length + returns.length)
  r.set(earlier.returns)
  r.set(returns, earlier.returns.length)
  const l = new Int32Array(r.length)
  l.set(earlier.lengths)
  l.set(lengths, earlier.lengths.length)
  return { returns: r, lengths: l }
}

/** Index of the largest value; the first one on ties (a greedy policy must be deterministic). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i
  return best
}

/** One greedy episode, recorded for replay. */
export interface Episode {
  /** Observations before each step and the last one after it, (steps + 1) × size, row-major. */
  observations: Float64Array
  size: number
  actions: Int32Array
  rewards: Float64Array
  total: number
  terminated: boolean
}

/** Plays one episode greedily and records it. */
export function playEpisode(env: Env, policy: (obs: Float64Array) => number): Episode {
  let obs = env.reset()
  const size = obs.length
  const observations: number[] = Array.from(obs)
  const actions: number[] = []
  const rewards: number[] = []
  let total = 0
  for (;;) {
    const a = policy(obs)
    const r = env.step(a)
    actions.push(a)
    rewards.push(r.reward)
    total += r.reward
    for (let i = 0; i < size; i++) observations.push(r.observation[i])
    obs = r.observation
    if (r.terminated || r.truncated) {
      return { observations: Float64Array.from(observations), size, actions: Int32Array.from(actions), rewards: Float64Array.from(rewards), total, terminated: r.terminated }
    }
  }
}

/** Mean and population standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  const mean = sum / values.length
  let sq = 0
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2
  return { mean, std: Math.sqrt(sq / values.length) }
}
