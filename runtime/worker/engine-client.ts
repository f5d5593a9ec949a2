import * as Comlink from 'comlink'
import type { RunEvent } from '../exec/events'
import type { EngineApi, RunRequest } from './engine-api'

export type EngineClient = Comlink.Remote<EngineApi>

/** Starts the execution worker and returns its API (every call is async, over postMessage). */
export function createEngine(): EngineClient {
  const worker = new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module', name: 'mlcanvas-engine' })
  return Comlink.wrap<EngineApi>(worker)
}

/** Runs a graph, streaming events to `onEvent` across the worker boundary. */
export function runInWorker(engine: EngineClient, req: RunRequest, onEvent: (e: RunEvent) => void) {
  return engine.run(req, Comlink.proxy(onEvent))
}
