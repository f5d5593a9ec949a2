/**
 * Long solvers (coordinate descent, L-BFGS, liblinear, tree growing) are generators that `yield`
 * between steps: a sweep, an iteration, a pass, a tree node. `runToEnd` runs one synchronously;
 * a family fit runs the same generator through `runCancellable` (ml/families/checkpoint.ts), which
 * yields to the event loop now and then and stops on abort, so both give the same numbers.
 */
export type Stepwise<T> = Generator<void, T, undefined>

export function runToEnd<T>(steps: Stepwise<T>): T {
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}
