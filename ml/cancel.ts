/** Thrown by a fit or training loop that saw its AbortSignal; the executor reports the node as cancelled. */
export class FitCancelled extends Error {
  constructor() {
    super('Training was cancelled.')
    this.name = 'FitCancelled'
  }
}

/**
 * Returns a function to await between steps of a long loop: once `everyMs` has passed since the
 * last yield it yields a macrotask, so a cancel message (worker postMessage, CLI SIGINT) can be
 * delivered at all. setTimeout costs ≥ 1 ms, so yielding on every step would slow small loops down.
 */
export function yieldEvery(everyMs: number): () => Promise<void> {
  let last = Date.now()
  return async () => {
    if (Date.now() - last < everyMs) return
    await new Promise((r) => setTimeout(r, 0))
    last = Date.now()
  }
}
