import type { NodeRunner } from '../exec/runner'

/**
 * A runner that starts the tf backend before the first node it runs, once: a run served from the
 * cache (a reload, a re-run after a leaf edit) never starts one. Inputs are decoded from the cache
 * before `run` without tf, so nothing needs the backend earlier.
 */
export function backendOnDemand(runner: NodeRunner, start: () => Promise<unknown>): NodeRunner {
  let started: Promise<unknown> | undefined
  return {
    async run(task, env) {
      await (started ??= start())
      return runner.run(task, env)
    },
    get capacity() {
      return runner.capacity
    },
    elsewhere: runner.elsewhere?.bind(runner),
  }
}
