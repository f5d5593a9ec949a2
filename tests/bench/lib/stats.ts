/** Middle value (upper middle for an even count): the statistic of absolute figures. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Best of the repeats: the statistic of ratios. Other load on the machine only ever adds time,
 * so the fastest repeat of each side is the closest to what the work itself costs.
 */
export const best = (xs: readonly number[]) => Math.min(...xs)

/**
 * One side's time over the other's for each pair of runs made back to back: the statistic of a
 * speed-up between two ways of running, such as one worker against two. This host's own speed
 * moves by up to 1.6× within minutes (bare `node` 79–131 ms with nothing else running), so the
 * fastest run of one side and the fastest of the other may come from different moments; the
 * runs of a pair share theirs. Take the median of these.
 */
export const pairedRatios = (slow: readonly number[], fast: readonly number[]) => slow.map((ms, i) => ms / fast[i])

/**
 * For pairs of runs made back to back, each `[part, whole]` in ms: the median of the pairs' ratios (see
 * `pairedRatios`), and the pairs as "part/whole" for a figure's note.
 */
export function medianOfPairs(pairs: readonly (readonly [part: number, whole: number])[]): { ratio: number; each: string } {
  const ratios = pairedRatios(pairs.map(([part]) => part), pairs.map(([, whole]) => whole))
  return { ratio: median(ratios), each: pairs.map(([part, whole]) => `${part.toFixed(0)}/${whole.toFixed(0)}`).join(', ') }
}
