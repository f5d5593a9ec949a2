import type { Registry } from '../../registry'
import type { NodeEvent } from '../events'
import { Cancelled, runNode } from '../node-runner'
import type { FromWorker, ToWorker } from './protocol'

/**
 * The worker side of a pool: runs each node it is sent with the worker's own registry, streams
 * its events back and answers with the result or the error. `ready` (the backend starting)
 * is awaited before the first node runs.
 */
export function servePool(registry: Registry, ready: Promise<string>, post: (m: FromWorker) => void): (m: ToWorker) => void {
  const running = new Map<number, AbortController>()
  const run = async (m: Extract<ToWorker, { kind: 'run' }>) => {
    const controller = new AbortController()
    running.set(m.id, controller)
    try {
      const backend = await ready
      const def = registry.get(m.type)
      if (!def) throw new Error(`Unknown node type "${m.type}".`)
      const env = { signal: controller.signal, backend, emit: (event: NodeEvent) => post({ kind: 'event', id: m.id, event }) }
      const earlier = m.previous && { ...m.previous, used: (note: string) => post({ kind: 'used', id: m.id, note }) }
      const previous = async () => earlier
      post({ kind: 'done', id: m.id, result: await runNode(m.node, def, m.key, m.inputs, env, m.files, previous) })
    } catch (e) {
      const cancelled = e instanceof Cancelled || controller.signal.aborted
      post({ kind: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e), cancelled })
    } finally {
      running.delete(m.id)
    }
  }
  return (m) => {
    if (m.kind === 'run') void run(m)
    else running.get(m.id)?.abort()
  }
}
