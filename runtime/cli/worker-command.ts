import { parseArgs } from 'node:util'
import type { Registry } from '../registry'
import { setupNodeBackend } from '../backend/setup-node'
import { NodeCache } from '../cache/node-cache'
import { CACHE_URL_HELP, openCacheStore, UsageError } from './open-cache'
import { QueueUrlError } from '../queue/connection'
import { NodeWorker } from '../queue/node-worker'
import { warmUp } from './worker-warm-up'

export const WORKER_USAGE = `  pipeline worker --queue redis://host:port (--cache-dir DIR | --cache-url s3://bucket/prefix) [--concurrency N] [--lock-ms MS] [--warm-up-ms MS]`

export const WORKER_HELP = `pipeline worker runs node jobs queued by 'pipeline run --queue' until SIGTERM or SIGINT (then it finishes
its running jobs; a second signal abandons them to other workers). Its cache must be the one the runs use.
--lock-ms: a worker silent this long is presumed dead and its job is run again elsewhere (default 30000).
--warm-up-ms: CPU time spent training small networks in memory before serving, so the first jobs do not run on
cold (not yet compiled) code: a fresh process's first fits are 3-4x slower than its tenth (default 2000; 0: none).
${CACHE_URL_HELP}`

/** The flags of `pipeline worker` (the deployment files' tests parse their worker args with these). */
export const WORKER_OPTIONS = {
  queue: { type: 'string' },
  'cache-dir': { type: 'string' },
  'cache-url': { type: 'string' },
  concurrency: { type: 'string', default: '1' },
  'lock-ms': { type: 'string', default: '30000' },
  'warm-up-ms': { type: 'string', default: '2000' },
} as const

/** `pipeline worker`: serves the node queue until asked to stop. Resolves with the exit code. */
export async function workerCommand(registry: Registry, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: WORKER_OPTIONS })
  if (!values.queue) throw new UsageError('worker needs --queue redis://host:port.')
  if (!values['cache-dir'] && !values['cache-url']) throw new UsageError('worker needs the shared cache: --cache-dir DIR or --cache-url s3://bucket/prefix.')
  const concurrency = positiveInt(values.concurrency, '--concurrency')
  const lockMs = positiveInt(values['lock-ms'], '--lock-ms')
  const cache = new NodeCache({ store: await openCacheStore(values) })
  const warmUpMs = Number(values['warm-up-ms'])
  if (!Number.isSafeInteger(warmUpMs) || warmUpMs < 0) throw new UsageError(`--warm-up-ms takes a whole number of milliseconds, not "${values['warm-up-ms']}".`)
  const backend = await setupNodeBackend()
  if (warmUpMs > 0) {
    const t0 = performance.now()
    const rounds = await warmUp(registry, backend, warmUpMs)
    console.log(`warmed up: ${rounds} small fits in ${Math.round(performance.now() - t0)} ms`)
  }
  let worker: NodeWorker
  try {
    worker = await NodeWorker.start({ url: values.queue, registry, cache, backend, concurrency, lockMs, log: (line) => console.log(line) })
  } catch (e) {
    if (e instanceof QueueUrlError) throw new UsageError(e.message)
    throw e
  }
  console.log(`worker ${worker.name} serving ${values.queue} on ${backend}, ${concurrency} at a time`)
  return new Promise((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) {
        console.log(`worker ${worker.name}: ${signal} again, abandoning running jobs`)
        void worker.close(true).then(() => resolve(0))
        return
      }
      stopping = true
      console.log(`worker ${worker.name}: ${signal}, finishing running jobs`)
      void worker.close().then(() => resolve(0))
    }
    process.on('SIGTERM', () => stop('SIGTERM'))
    process.on('SIGINT', () => stop('SIGINT'))
  })
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${text}".`)
  return n
}
