/** Random draws on top of the context's seeded uniform generator (so results follow the `seed` param). */

export type Uniform = () => number

/** A standard normal draw (Box–Muller; 1 - u keeps log away from 0). */
export function gaussian(random: Uniform): number {
  const u = 1 - random()
  const v = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** An integer in [0, n). */
export function randomInt(random: Uniform, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n))
}

/** Shuffles in place (Fisher–Yates) and returns the array. */
export function shuffleInPlace<T extends { length: number; [i: number]: any }>(a: T, random: Uniform): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1)
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
  return a
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, random: Uniform): Int32Array {
  const p = new Int32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  return shuffleInPlace(p, random)
}
