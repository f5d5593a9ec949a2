import type { NodeRunner } from '../exec/runner'

/** What tf throws when an op runs before any backend started (none registered, or one not yet initialised). */
const NO_BACKEND = /No backend found in registry|has not yet been initialized/

/**
 * A runner that starts the tf backend once, before the first node it runs here that uses tensors
 * (`tensors` in its definition): a run served from the cache (a reload) starts none, and neither does
 * a re-run of nodes without tensors (a metric after a leaf edit: ≈ 65 ms of a new process's wasm start
 * saved). Inputs are decoded from the cache before `run` without tf, so nothing needs the backend earlier.
 * A node that makes tensors without the mark (a new node type that lacks it) fails at its first op when
 * no backend has started yet: the backend is started then and the node run again, not failed.
 */
export function backendOnDemand(runner: NodeRunner, start: () => Promise<unknown>): NodeRunner {
  let started: Promise<unknown> | undefined
  return {
    async run(task, env) {
      if (task.def.tensors && !runner.elsewhere?.(task)) await (started ??= start())
      try {
        return await runner.run(task, env)
      } catch (e) {
        if (started || !NO_BACKEND.test((e as Error)?.message ?? '')) throw e
        await (started = start())
        return runner.run(task, env)
      }
    },
    get capacity() {
      return runner.capacity
    },
    elsewhere: runner.elsewhere?.bind(runner),
  }
}
