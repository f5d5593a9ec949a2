/** Middle value (upper middle for an even count): the statistic of absolute figures. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * Best of the repeats: the statistic of ratios. Other load on the machine only ever adds time,
 * so the fastest repeat of each side is the closest to what the work itself costs.
 */
export const best = (xs: readonly number[]) => Math.min(...xs)
