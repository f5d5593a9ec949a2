import type { NodeRunner } from '../exec/runner'

/**
 * A runner that starts the tf backend once, before the first node it runs here that uses tensors
 * (`tensors` in its definition): a run served from the cache (a reload) starts none, and neither does
 * a re-run of nodes without tensors (a metric after a leaf edit: ≈ 65 ms of a new process's wasm start
 * saved). Inputs are decoded from the cache before `run` without tf, so nothing needs the backend earlier.
 */
export function backendOnDemand(runner: NodeRunner, start: () => Promise<unknown>): NodeRunner {
  let started: Promise<unknown> | undefined
  return {
    async run(task, env) {
      if (task.def.tensors && !runner.elsewhere?.(task)) await (started ??= start())
      return runner.run(task, env)
    },
    get capacity() {
      return runner.capacity
    },
    elsewhere: runner.elsewhere?.bind(runner),
  }
}
