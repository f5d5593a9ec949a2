import { createStore } from 'zustand/vanilla'
import type { RunEvent } from '../../runtime/exec/events'
import type { Summary } from '../../runtime/values/summary'

/** What a node shows about its last run. `stale` is derived (see `displayState`). */
export type RunPhase = 'idle' | 'queued' | 'running' | 'cached' | 'done' | 'error' | 'blocked' | 'cancelled'
export type DisplayState = RunPhase | 'stale'

/** One point of a live training curve (from progress events' data). */
export interface CurvePoint {
  epoch: number
  loss: number
  valLoss?: number
  /** A reinforcement-learning curve: `epoch` is the episode, `loss` its return, `valLoss` the moving average. */
  reward?: true
  /** A search's trials: `epoch` is the trial, `loss` its score, `valLoss` the best so far (nodes/select/search.ts). */
  trial?: true
}

export interface NodeRun {
  phase: RunPhase
  /** Why the runtime ran it ("params changed: lr", "no cache entry"). */
  reason?: string
  ms?: number
  summary?: Summary
  error?: string
  blockedBy?: string
  progress?: number
  message?: string
  curve?: CurvePoint[]
  startedAt?: number
  /** The pool worker that ran it (absent: the engine's own worker). */
  worker?: number
  /** The queue worker (`host:pid`) that ran it, through a remote queue. */
  remote?: string
  /** Cache key the result belongs to; a different current key means the result is stale. */
  resultKey?: string
}

// Node ids come from documents and may be `__proto__` or `constructor`: every per-node record is a Map.
export interface RunState {
  runs: ReadonlyMap<string, NodeRun>
  /** Current cache key per node (recomputed after each edit). */
  keys: ReadonlyMap<string, string>
  running: boolean
  /** Keys of the document being run, so results are tagged with what produced them. */
  runKeys: ReadonlyMap<string, string>
  lastRun?: { ran: number; cached: number; ms: number }
  /** The page was reloaded while the last run was going (the autosave said so). */
  interrupted: boolean
  /** Finished runs since the page opened (a run's end is visible to tests and users alike). */
  runCount: number
  setKeys(keys: Record<string, string>): void
  begin(runKeys: Record<string, string>): void
  apply(e: RunEvent): void
  /** Several events in order, as one store update. */
  applyAll(events: readonly RunEvent[]): void
  /** Results found in the cache without running (after a reload). */
  restore(found: Record<string, { summary: Summary; ms: number } | undefined>, keys: ReadonlyMap<string, string>): void
  reset(): void
  /** The engine stopped answering: nothing is running any more, and unfinished nodes say why. */
  crash(message: string): void
}

function curvePoint(data: Record<string, unknown> | undefined): CurvePoint | undefined {
  // RL training nodes report each episode's return and its moving average (nodes/rl/progress.ts).
  if (data && typeof data.episode === 'number' && typeof data.return === 'number') {
    return { epoch: data.episode, loss: data.return, ...(typeof data.average === 'number' ? { valLoss: data.average } : {}), reward: true }
  }
  if (data && typeof data.trial === 'number' && typeof data.score === 'number') {
    return { epoch: data.trial, loss: data.score, ...(typeof data.best === 'number' ? { valLoss: data.best } : {}), trial: true }
  }
  if (!data || typeof data.epoch !== 'number' || typeof data.loss !== 'number') return undefined
  return { epoch: data.epoch, loss: data.loss, ...(typeof data.valLoss === 'number' ? { valLoss: data.valLoss } : {}) }
}

/** The engine's per-node records (own members only) as a Map. */
const byId = <T>(record: Record<string, T>) => new Map(Object.entries(record))

/** A node's run state after one of its events. */
function nextRun(r: NodeRun, e: Exclude<RunEvent, { type: 'run-start' | 'run-end' }>, key: string | undefined): NodeRun {
  switch (e.type) {
    case 'queued':
      return { ...r, phase: 'queued', progress: undefined, message: undefined }
    case 'running':
      return { phase: 'running', reason: e.reason, startedAt: Date.now(), progress: 0, curve: [], summary: r.summary }
    case 'progress': {
      const point = curvePoint(e.data)
      return { ...r, progress: e.fraction, message: e.message, curve: point ? [...(r.curve ?? []), point] : r.curve }
    }
    case 'cached':
      return { phase: 'cached', summary: e.summary, ms: e.ms, resultKey: key, reason: r.reason, curve: r.curve }
    case 'done':
      return { phase: 'done', summary: e.summary, ms: e.ms, reason: e.reason, resultKey: key, curve: r.curve, worker: e.worker, remote: e.remote }
    case 'error':
      return { ...r, phase: 'error', error: e.message, progress: undefined }
    case 'blocked':
      return { ...r, phase: 'blocked', blockedBy: e.by, progress: undefined }
    case 'cancelled':
      return { ...r, phase: 'cancelled', progress: undefined }
  }
}

/** Builds the store of run status per node. */
export function createRunStore() {
  return createStore<RunState>()((set, get) => {
    return {
      runs: new Map(),
      keys: new Map(),
      running: false,
      runKeys: new Map(),
      runCount: 0,
      interrupted: false,
      setKeys: (keys) => set({ keys: byId(keys) }),
      begin: (runKeys) => set({ running: true, runKeys: byId(runKeys), interrupted: false }),
      reset: () => set({ runs: new Map(), running: false, lastRun: undefined, interrupted: false }),
      crash: (message) => {
        const runs = new Map(get().runs)
        for (const [id, r] of runs) {
          if (r.phase === 'queued' || r.phase === 'running') runs.set(id, { ...r, phase: 'error', error: message })
        }
        set({ runs, running: false })
      },
      restore: (found, keys) => {
        // A run may have started while the cache was being read: its news wins.
        const runs = new Map(get().runs)
        for (const [id, hit] of Object.entries(found)) {
          if (hit && (runs.get(id)?.phase ?? 'idle') === 'idle') {
            runs.set(id, { phase: 'cached', summary: hit.summary, ms: hit.ms, resultKey: keys.get(id) })
          }
        }
        set({ runs })
      },
      apply: (e) => get().applyAll([e]),
      // One copy of the runs and one notification per batch: a run of hundreds of nodes sends
      // thousands of events, and each store update wakes every node's selectors.
      applyAll: (events) => {
        const runs = new Map(get().runs)
        let end: Partial<RunState> = {}
        for (const e of events) {
          if (e.type === 'run-start') continue
          if (e.type === 'run-end') {
            end = { running: false, lastRun: { ran: e.report.ran, cached: e.report.cached, ms: e.report.ms }, runCount: get().runCount + 1 }
            continue
          }
          runs.set(e.nodeId, nextRun(runs.get(e.nodeId) ?? { phase: 'idle' }, e, get().runKeys.get(e.nodeId)))
        }
        set({ runs, ...end })
      },
    }
  })
}

/** The state a node shows: a finished result whose key no longer matches is stale. */
export function displayState(run: NodeRun | undefined, currentKey: string | undefined): DisplayState {
  if (!run) return 'idle'
  if ((run.phase === 'done' || run.phase === 'cached') && currentKey !== undefined && run.resultKey !== currentKey) {
    return 'stale'
  }
  return run.phase
}

export type RunStore = ReturnType<typeof createRunStore>
