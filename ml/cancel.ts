import { nextTurn } from '../runtime/values/event-loop'

/** Thrown by a fit or training loop that saw its AbortSignal; the executor reports the node as cancelled. */
export class FitCancelled extends Error {
  constructor() {
    super('Training was cancelled.')
    this.name = 'FitCancelled'
  }
}

/**
 * Returns a function to await between steps of a long loop: once `everyMs` has passed since the
 * last yield it gives the event loop a turn (nextTurn), so messages are delivered at all: a cancel
 * (worker postMessage, CLI SIGINT), and a pool's messages when the loop runs on the thread that feeds
 * the pool. A turn is cheap but not free, so not on every step; a clock read per step costs nothing.
 */
export function yieldEvery(everyMs: number): () => Promise<void> {
  let last = performance.now()
  return async () => {
    if (performance.now() - last < everyMs) return
    await nextTurn()
    last = performance.now()
  }
}
