/** A seeded generator in [0, 1) that can say where it is: `seededRandom(g.state())` goes on exactly where `g` is. */
export type SeededRandom = (() => number) & { state(): number }

/** mulberry32: a small, fast, seedable PRNG returning numbers in [0, 1). Shared by the runtime and ml/. */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Object.assign(next, { state: () => a })
}
