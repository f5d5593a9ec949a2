import * as Comlink from 'comlink'
import type { RunEvent } from '../exec/events'
import type { EngineApi, RunRequest } from './engine-api'
import { READY_MESSAGE } from './ready'

export type EngineClient = Comlink.Remote<EngineApi>

/** A started execution worker: `ready` resolves once it listens; errors after that go to `onCrash`. */
interface StartedWorker {
  ready: Promise<EngineClient>
  onCrash?: (message: string) => void
  /** An error after ready that came before anyone listened (told to the next `onCrash`). */
  crashed?: string
}

let early: StartedWorker | undefined

/**
 * Starts the execution worker. The worker's modules use top-level await (wasm hashers), and a
 * module worker drops messages that arrive before its listener exists, so calls wait for the
 * worker's ready message; it is listened for from the start, so it cannot be missed.
 */
function startWorker(): StartedWorker {
  const worker = new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module', name: 'mlcanvas-engine' })
  const started: StartedWorker = { ready: undefined as unknown as Promise<EngineClient> }
  started.ready = new Promise((resolve, reject) => {
    let ready = false
    worker.addEventListener('error', (e) => {
      const message = `The execution worker failed: ${e.message || 'it could not load'}.`
      if (!ready) reject(new Error(message))
      else if (started.onCrash) started.onCrash(message)
      else started.crashed ??= message
    })
    const onMessage = (e: MessageEvent) => {
      if (e.data !== READY_MESSAGE) return
      ready = true
      worker.removeEventListener('message', onMessage)
      resolve(Comlink.wrap<EngineApi>(worker))
    }
    worker.addEventListener('message', onMessage)
  })
  // Awaited by createEngine; settled here too, so a worker that fails before then is not an unhandled rejection.
  started.ready.catch(() => undefined)
  return started
}

/**
 * Starts the execution worker while the page's own scripts still load (the page's first, small
 * script calls this): its ≈ 1 MB of modules then compile beside the editor's instead of after them.
 * The next createEngine takes this worker.
 */
export function startEngineEarly(): void {
  early ??= startWorker()
}

/**
 * The execution worker (the one started early, if any), once it listens. `onCrash` hears about
 * an error that escapes the worker (it then no longer answers).
 */
export function createEngine(onCrash?: (message: string) => void): Promise<EngineClient> {
  const started = early ?? startWorker()
  early = undefined
  started.onCrash = onCrash
  if (started.crashed) onCrash?.(started.crashed)
  return started.ready
}

/** Runs a graph, streaming events to `onEvent` across the worker boundary. */
export function runInWorker(engine: EngineClient, req: RunRequest, onEvent: (e: RunEvent) => void) {
  return engine.run(req, Comlink.proxy(onEvent))
}

/** Sends a file's bytes to the worker without copying them (the buffer moves; the caller loses it). */
export function putFileInWorker(engine: EngineClient, name: string, bytes: ArrayBuffer) {
  return engine.putFile(name, Comlink.transfer(bytes, [bytes]))
}
