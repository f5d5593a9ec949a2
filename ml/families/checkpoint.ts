import { FitCancelled, yieldEvery } from '../cancel'
import { nextTurn } from '../../runtime/values/event-loop'
import type { Stepwise } from '../stepwise'

/**
 * Cooperative cancellation for fits that loop (trees, restarts, iterations): call the returned
 * function between steps. It throws once the signal is aborted and, every `everyMs`, yields a
 * turn of the event loop so a cancel message (worker postMessage, CLI SIGINT) can be delivered at all.
 */
export function checkpoints(signal: AbortSignal, everyMs = 20): () => Promise<void> {
  const pause = yieldEvery(everyMs)
  return async () => {
    if (signal.aborted) throw new FitCancelled()
    await pause()
    if (signal.aborted) throw new FitCancelled()
  }
}

/**
 * Runs a stepwise solver to its end, checking the signal after every step and yielding a macrotask
 * once `everyMs` of work has passed since the last one (a clock read per step costs nothing next
 * to a step; a turn of the event loop per step would).
 */
export async function runCancellable<T>(steps: Stepwise<T>, signal: AbortSignal, everyMs = 20): Promise<T> {
  let last = performance.now()
  for (;;) {
    if (signal.aborted) throw new FitCancelled()
    const r = steps.next()
    if (r.done) return r.value
    if (performance.now() - last < everyMs) continue
    await nextTurn()
    last = performance.now()
  }
}
