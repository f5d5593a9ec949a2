import { seededRandom as seeded, type SeededRandom } from '../../runtime/values/random'

/** Seeded random draws for environments and agents, so the same seed gives the same episodes. */

export type Uniform = () => number

/** The project's mulberry32 PRNG in [0, 1), seeded. */
export { seeded }

export type { SeededRandom }

/** A new independent stream seeded from a draw of `random` (one for the environment, one for the agent). */
export function fork(random: Uniform): SeededRandom {
  return seeded(Math.floor(random() * 4294967296))
}

/** An integer in [0, n). */
export function randomInt(random: Uniform, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n))
}

/** Uniform in [low, high). */
export function uniform(random: Uniform, low: number, high: number): number {
  return low + (high - low) * random()
}
