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
}

export function cancelled(): Error {
  return new Error('Training was cancelled.')
}

/** Lets the event loop deliver a cancel at most every 100 ms (setTimeout costs ≥ 1 ms, so not per episode). */
function yielder() {
  let last = Date.now()
  return async () => {
    if (Date.now() - last < 100) return
    await new Promise((r) => setTimeout(r, 0))
    last = Date.now()
  }
}

/** Runs `episodes` training episodes, checking for a cancel between them; returns each episode's return and length. */
export async function runEpisodes(env: Env, learner: Learner, episodes: number, hooks: EpisodeHooks) {
  const returns = new Float64Array(episodes)
  const lengths = new Int32Array(episodes)
  const pause = yielder()
  for (let e = 0; e < episodes; e++) {
    if (hooks.signal.aborted) throw cancelled()
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
    returns[e] = total
    lengths[e] = steps
    hooks.onEpisode?.(e + 1, total, steps)
    await pause()
  }
  return { returns, lengths }
}
