import { MessageChannel } from 'node:worker_threads'
import type { Registry } from '../../runtime/registry'
import type { WorkerHandle } from '../../runtime/worker/pool-port'
import { servePoolWorker } from '../../runtime/worker/pool-worker'

/**
 * A pool worker on a MessageChannel: values cross by structured clone as between browser
 * workers; the worker side runs in this thread (the protocol is under test, not the speed-up).
 */
export function channelWorker(registry: Registry, opts: { backend?: (name: string) => Promise<string>; listenAfterMs?: number } = {}) {
  const { port1, port2 } = new MessageChannel()
  let onError: (message: string) => void = () => undefined
  const serve = () =>
    servePoolWorker({ post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) }, registry, opts.backend ?? (async (n) => n))
  if (opts.listenAfterMs) setTimeout(serve, opts.listenAfterMs)
  else serve()
  const worker = {
    terminated: false,
    crash: (message: string) => onError(message),
    handle: {
      post: (m) => port1.postMessage(m),
      onMessage: (l) => port1.on('message', l),
      onError: (l) => (onError = l),
      terminate() {
        worker.terminated = true
        port1.close()
      },
    } satisfies WorkerHandle,
  }
  return worker
}
