import { useStore } from 'zustand'
import { useStoreWithEqualityFn } from 'zustand/traditional'
import { createGraphStore, type GraphState } from './graph-store'
import { createRunStore, type RunState } from './run-store'
import { createUiStore, type UiState } from './ui-store'

/** The editor's stores: one graph (with undo), one run status, one UI. */
export const graphStore = createGraphStore()
export const runStore = createRunStore()
export const uiStore = createUiStore()

export const useGraph = <T,>(selector: (s: GraphState) => T, eq?: (a: T, b: T) => boolean): T =>
  useStoreWithEqualityFn(graphStore, selector, eq)
export const useRun = <T,>(selector: (s: RunState) => T, eq?: (a: T, b: T) => boolean): T =>
  useStoreWithEqualityFn(runStore, selector, eq)
export const useUi = <T,>(selector: (s: UiState) => T): T => useStore(uiStore, selector)
/** Undo/redo availability, for toolbar buttons. */
export const useHistory = <T,>(selector: (s: ReturnType<typeof graphStore.temporal.getState>) => T): T =>
  useStore(graphStore.temporal, selector)
