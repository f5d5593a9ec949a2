import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import type { FromWorker, PoolPort, ToWorker } from '../exec/pool/protocol'
import { servePool } from '../exec/pool/serve'
import { WorkerPool } from '../exec/pool/worker-pool'
import type { GraphDocument } from '../document/schema'
import { flattenGroups } from '../graph/groups'
import type { Registry } from '../registry'

/**
 * node:worker_threads, required when first used: a process started from the CLI's start-up snapshot
 * (runtime/cli/snapshot.mjs) cannot start a thread from a worker_threads module loaded while the
 * snapshot was built (Node 20: the thread fails with "undefined is not an integer typed array", and
 * every node ran on the main thread).
 */
const threads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads')

/** What a pool thread needs to start like the main thread did. */
export interface ThreadSetup {
  /** The backend the run was asked for (`--backend`), or 'auto': each thread then makes the main thread's choice. */
  backend: string
  allowNet: boolean
}

/** A worker thread's script and its argv; `code`: the script is this source (a loader), not the file at `url`. */
export interface ThreadScript {
  url: URL
  argv: string[]
  code?: string
}

/** A TypeScript entry started through tsx (tests, the CLI run from its sources). */
export function tsThread(entry: URL): ThreadScript {
  return { url: new URL('./ts-thread.mjs', import.meta.url), argv: [entry.href] }
}

/**
 * The bundled `pool-thread.mjs` next to the CLI bundle, or the TypeScript entry through tsx. Started by
 * bin.mjs, which names its code-cache module (runtime/cli/code-cache.mjs), a thread runs the bundle from
 * its own V8 code cache as the main thread does, instead of compiling 2 MB again in every thread.
 */
function threadScript(): ThreadScript {
  if (!import.meta.url.endsWith('.mjs')) return tsThread(new URL('./pool-thread.ts', import.meta.url))
  const url = new URL('./pool-thread.mjs', import.meta.url)
  const loader = process.env[CODE_CACHE_MODULE]
  if (!loader) return { url, argv: [] }
  return { url, argv: [], code: `import(${JSON.stringify(loader)}).then((m) => m.runBundle(${JSON.stringify(fileURLToPath(url))}))` }
}

/** The environment variable by which bin.mjs names its code-cache module to the pool threads. */
const CODE_CACHE_MODULE = 'MLCANVAS_CODE_CACHE_MODULE'

/** What a pool thread says once its backend runs, before it answers any node. */
const STARTED = 'started'

/**
 * One worker thread as a pool port; `started` resolves once the thread's backend runs. Threads are
 * unref'd: a finished CLI exits without closing them.
 */
export function threadPort(setup: ThreadSetup, script = threadScript()): PoolPort {
  const { Worker } = threads()
  const worker = script.code
    ? new Worker(script.code, { eval: true, workerData: setup, argv: script.argv })
    : new Worker(script.url, { workerData: setup, argv: script.argv })
  worker.unref()
  let began: () => void = () => undefined
  const started = new Promise<void>((resolve) => (began = resolve))
  return {
    started,
    post: (m: ToWorker) => worker.postMessage(m),
    listen(message, fail) {
      let failed = false
      const once = (reason: string) => {
        if (!failed) fail(reason)
        failed = true
      }
      worker.on('message', (m: FromWorker | typeof STARTED) => (m === STARTED ? began() : message(m)))
      worker.on('error', (e: Error) => once(e.message))
      worker.on('exit', (code) => once(`exit code ${code}`))
    },
    close: () => void worker.terminate(),
  }
}

/** A pool of `workers` (this thread counts as one; default: one per core) for the CLI. */
export function threadPool(setup: ThreadSetup, workers = availableParallelism(), script?: ThreadScript): WorkerPool {
  return new WorkerPool({
    size: workers,
    spawn: () => threadPort(setup, script),
    onStartFailure: (reason) => process.stderr.write(`Warning: a pool thread could not start (${reason}); the nodes run on this thread.\n`),
  })
}

/**
 * Whether a graph is likely to keep two threads busy from its start, so its pool should start its
 * workers up front (WorkerPool.warm): two or more training nodes. A search or cross-validation does
 * not warm the pool: its trials and folds may be too short to win back a thread's start (about a
 * second of CPU); a node that waits for this thread past the pool's patience starts one, and no node
 * waits for a thread still starting (a 20-trial search of 50 ms trials ran 0.74× as fast with a warm
 * thread as with none). A chain of cheap nodes starts no thread.
 */
export function wantsWarmPool(doc: GraphDocument, registry: Registry): boolean {
  let training = 0
  for (const node of flattenGroups(doc).nodes) {
    if (registry.get(node.type)?.category === 'train') training += 1
  }
  return training >= 2
}

/** The thread side: serves nodes from `registry` once `ready` (the backend) resolves. */
export function serveThread(registry: Registry, ready: (setup: ThreadSetup) => Promise<string>): void {
  const { parentPort, workerData } = threads()
  if (!parentPort) throw new Error('serveThread runs inside a worker thread.')
  const port = parentPort
  const backend = ready(workerData as ThreadSetup)
  // Said even when the backend failed: the nodes sent then fail with its message.
  void backend.finally(() => port.postMessage(STARTED)).catch(() => undefined)
  port.on('message', servePool(registry, backend, (m) => port.postMessage(m)))
}
