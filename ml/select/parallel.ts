/**
 * `fn` over `items` with at most `limit` calls in flight; results in the items' order. The first
 * failure rejects once the calls in flight have settled, and no new call starts after it.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  await pullLimit(() => (next < items.length ? next++ : undefined), Math.min(limit, items.length), async (i) => {
    out[i] = await fn(items[i], i)
  })
  return out
}

/**
 * `fn` on items drawn one at a time from `next` (undefined: none left) with at most `limit` calls in
 * flight: an item is drawn when a call ends, so a slow call holds up only its own slot. The first
 * failure rejects once the calls in flight have settled, and nothing is drawn after it.
 */
export async function pullLimit<T>(next: () => T | undefined, limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let failed: { error: unknown } | undefined
  const worker = async () => {
    for (let item = failed ? undefined : next(); item !== undefined; item = failed ? undefined : next()) {
      try {
        await fn(item)
      } catch (error) {
        failed ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker))
  if (failed) throw failed.error
}
