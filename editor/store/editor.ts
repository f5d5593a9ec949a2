import type { Engine } from '../engine/engine'
import { createGraphStore, type GraphStore } from './graph-store'
import type { GraphState } from './graph-state'
import { createRunStore, type RunStore } from './run-store'
import { createUiStore, type UiStore } from './ui-store'

/**
 * One editor: its graph (with undo history), run status, UI state and engine. Nothing lives at
 * module level, so two editors (two tests, two canvases) never share state — React Flow's
 * store-factory pattern; components reach theirs through <EditorProvider>.
 */
export interface Editor {
  readonly graph: GraphStore
  readonly run: RunStore
  readonly ui: UiStore
  /** The engine in use; throws until one is set (the worker in the app, in-process in tests). */
  engine(): Engine
  setEngine(e: Engine): void
  /** The saved-graph record this editor writes (one per tab; see engine/autosave-db.ts). */
  graphId: string
  /**
   * Bookkeeping of the keys/autosave loop (engine/sync.ts). `drawn`: the graph as the last open
   * drew it (laid out), before any edit: what the autosave that starts after the first open compares with.
   */
  readonly sync: { generation: number; lastRunnable: string; timer?: ReturnType<typeof setTimeout>; drawn?: GraphState }
}

/** A fresh id for a saved graph: time-ordered, unique enough for one browser. */
export function newGraphId(): string {
  return `g${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

export function createEditor(): Editor {
  let engine: Engine | undefined
  return {
    graph: createGraphStore(),
    run: createRunStore(),
    ui: createUiStore(),
    engine() {
      if (!engine) throw new Error('The execution engine has not started yet.')
      return engine
    },
    setEngine(e) {
      engine = e
    },
    graphId: newGraphId(),
    sync: { generation: 0, lastRunnable: '' },
  }
}
