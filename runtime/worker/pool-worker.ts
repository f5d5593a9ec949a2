import type { FromWorker, ToWorker } from '../exec/pool/protocol'
import { servePool } from '../exec/pool/serve'
import type { Registry } from '../registry'
import type { PoolHello, PoolSetup } from './pool-port'

/** The part of a worker's global scope a pool worker uses (a MessagePort in tests). */
export interface PoolScope {
  post(message: FromWorker | PoolHello): void
  onMessage(listener: (data: ToWorker | PoolSetup) => void): void
}

/**
 * The worker side of a browser pool worker: says it listens, starts the backend the host names
 * and then serves nodes (`servePool`, as a CLI pool thread does). A worker that cannot start that
 * backend refuses: a node run on another backend would give other numbers than the engine's.
 * Results go back by structured clone, never transfer: an output may share its buffer with a
 * value this worker keeps (a module-level table, a memoised column), which transfer would empty.
 */
export function servePoolWorker(scope: PoolScope, registry: Registry, startBackend: (name: string) => Promise<string>): void {
  let handle: ((m: ToWorker) => void) | undefined
  scope.onMessage((m) => {
    if (m.kind !== 'setup') return handle?.(m)
    const ready = startBackend(m.backend).then((got) => {
      if (got !== m.backend) throw new Error(`A pool worker could not start the ${m.backend} backend (it got ${got}); set Workers to 1 in the Cache dialog.`)
      return got
    })
    ready.then(
      (backend) => scope.post({ kind: 'started', backend }),
      (e: Error) => scope.post({ kind: 'refused', message: e.message }),
    )
    handle = servePool(registry, ready, (out) => scope.post(out))
  })
  scope.post({ kind: 'listening' })
}
