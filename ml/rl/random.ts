/** Seeded random draws for environments and agents, so the same seed gives the same episodes. */

export type Uniform = () => number

/** mulberry32: a small seedable PRNG in [0, 1). */
export function seeded(seed: number): Uniform {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A new independent stream seeded from a draw of `random` (one for the environment, one for the agent). */
export function fork(random: Uniform): Uniform {
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
