import type { Editor } from '../store/editor'

const KEY = 'mlcanvas-workers'
/** The most the setting offers; the engine takes up to 16 (runtime/worker/engine.ts). */
export const WORKER_CHOICES = 8
/** Each worker holds its own TensorFlow.js and copies of its nodes' inputs: the default stops at 4. */
const DEFAULT_CAP = 4

/** Where the choice is kept (localStorage in the app). */
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

/** Where the app keeps the choice, and the machine's core count (navigator.hardwareConcurrency). */
export interface WorkerSettings {
  storage: Storage
  cores: number
}

/** Workers by default on this machine: one per core, at most 4. */
export function defaultWorkers(cores: number): number {
  return Math.min(DEFAULT_CAP, Math.max(1, Math.floor(cores) || 1))
}

/** The saved choice, else the default for this machine (`defaultWorkers`). */
export function savedWorkers({ storage, cores }: WorkerSettings): number {
  const saved = Number(storage.getItem(KEY))
  return Number.isInteger(saved) && saved >= 1 && saved <= WORKER_CHOICES ? saved : defaultWorkers(cores)
}

/**
 * Gives the engine `count` workers and remembers the choice. A failure says why in a toast and
 * keeps the previous choice. Resolves once the workers have started.
 */
export async function chooseWorkers(ed: Editor, count: number, storage: Storage): Promise<void> {
  const before = ed.ui.getState().workers
  ed.ui.setState({ workers: count, workersReady: false })
  try {
    await ed.engine().setWorkers(count)
    storage.setItem(KEY, String(count))
    ed.ui.setState({ workersReady: true })
  } catch (e) {
    ed.ui.setState({ workers: before, workersReady: true })
    ed.ui.getState().toast(`Workers stay at ${before}: ${(e as Error).message}`, 'error')
  }
}
