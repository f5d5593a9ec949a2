import * as Comlink from 'comlink'
import type { RunEvent } from '../exec/events'
import type { EngineApi, RunRequest } from './engine-api'
import { READY_MESSAGE } from './ready'

export type EngineClient = Comlink.Remote<EngineApi>

/**
 * Starts the execution worker and resolves once it listens. The worker's modules use top-level
 * await (wasm hashers), and a module worker drops messages that arrive before its listener
 * exists, so the client waits for the worker's ready message before any call.
 * `onCrash` hears about an error that escapes the worker (it then no longer answers).
 */
export function createEngine(onCrash?: (message: string) => void): Promise<EngineClient> {
  const worker = new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module', name: 'mlcanvas-engine' })
  return new Promise((resolve, reject) => {
    let ready = false
    worker.addEventListener('error', (e) => {
      const message = `The execution worker failed: ${e.message || 'it could not load'}.`
      if (ready) onCrash?.(message)
      else reject(new Error(message))
    })
    const onMessage = (e: MessageEvent) => {
      if (e.data !== READY_MESSAGE) return
      ready = true
      worker.removeEventListener('message', onMessage)
      resolve(Comlink.wrap<EngineApi>(worker))
    }
    worker.addEventListener('message', onMessage)
  })
}

/** Runs a graph, streaming events to `onEvent` across the worker boundary. */
export function runInWorker(engine: EngineClient, req: RunRequest, onEvent: (e: RunEvent) => void) {
  return engine.run(req, Comlink.proxy(onEvent))
}

/** Sends a file's bytes to the worker without copying them (the buffer moves; the caller loses it). */
export function putFileInWorker(engine: EngineClient, name: string, bytes: ArrayBuffer) {
  return engine.putFile(name, Comlink.transfer(bytes, [bytes]))
}
