import { FitCancelled, yieldEvery } from '../cancel'
import type { Env } from './env'

/** One step seen by a learner. */
export interface Transition {
  observation: Float64Array
  action: number
  reward: number
  next: Float64Array
  /** True at a real end (goal, fall): the next state has no value. A step-limit cut still bootstraps. */
  terminated: boolean
}

/** A learning agent in training: picks exploring actions and learns from each step. */
export interface Learner {
  act(observation: Float64Array, episode: number): number
  learn(t: Transition): void | Promise<void>
}

export interface EpisodeHooks {
  signal: AbortSignal
  /** After every episode: its 1-based number, return and length. */
  onEpisode?(episode: number, total: number, steps: number): void
  /** Training goes on from a shorter run of itself, after this many episodes (before the first new one). */
  onResume?(episodes: number): void
}

/**
 * Runs training episodes `first` (0-based) to `episodes` − 1, checking for a cancel between them;
 * returns each new episode's return and length.
 */
export async function runEpisodes(env: Env, learner: Learner, episodes: number, hooks: EpisodeHooks, first = 0) {
  const returns = new Float64Array(episodes - first)
  const lengths = new Int32Array(episodes - first)
  const pause = yieldEvery(100)
  for (let e = first; e < episodes; e++) {
    if (hooks.signal.aborted) throw new FitCancelled()
    let observation = env.reset()
    let total = 0
    let steps = 0
    for (;;) {
      const action = learner.act(observation, e)
      const r = env.step(action)
      await learner.learn({ observation, action, reward: r.reward, next: r.observation, terminated: r.terminated })
      total += r.reward
      steps++
      observation = r.observation
      if (r.terminated || r.truncated) break
    }
    returns[e - first] = total
    lengths[e - first] = steps
    hooks.onEpisode?.(e + 1, total, steps)
    await pause()
  }
  return { returns, lengths }
}
