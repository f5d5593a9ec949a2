import type { FromWorker } from '../exec/pool/protocol'
import { warmPool, workerPort, type PoolHello, type StartedPort, type WarmPool } from './pool-port'

/** One pool worker: a module worker started from this (the engine's) worker. */
function startPoolWorker(backend: string, n: number): StartedPort {
  const worker = new Worker(new URL('./pool-worker-entry.ts', import.meta.url), { type: 'module', name: `mlcanvas-pool-${n}` })
  return workerPort(
    {
      post: (m) => worker.postMessage(m),
      onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<FromWorker | PoolHello>) => listener(e.data)),
      onError: (listener) => {
        worker.addEventListener('error', (e) => listener(e.message || 'the pool worker could not load'))
        worker.addEventListener('messageerror', () => listener('a message from the pool worker could not be read'))
      },
      terminate: () => worker.terminate(),
    },
    backend,
  )
}

/** The engine's pool: `size` module workers, started at once, run the nodes; the engine's worker keeps the cache. */
export function browserPool(size: number, backend: string): WarmPool {
  let started = 0
  return warmPool(size, () => startPoolWorker(backend, ++started))
}
