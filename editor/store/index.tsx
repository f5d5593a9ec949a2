import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { useStoreWithEqualityFn } from 'zustand/traditional'
import type { Editor } from './editor'
import type { GraphState, History } from './graph-state'
import type { RunState } from './run-store'
import type { UiState } from './ui-store'

export type { Editor } from './editor'

const EditorContext = createContext<Editor | null>(null)

/** Gives every component below it this editor's stores and engine. */
export function EditorProvider({ editor, children }: { editor: Editor; children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>
}

/** The editor this component belongs to. */
export function useEditor(): Editor {
  const ed = useContext(EditorContext)
  if (!ed) throw new Error('useEditor needs an <EditorProvider> above it.')
  return ed
}

export const useGraph = <T,>(selector: (s: GraphState) => T, eq?: (a: T, b: T) => boolean): T =>
  useStoreWithEqualityFn(useEditor().graph, selector, eq)
export const useRun = <T,>(selector: (s: RunState) => T, eq?: (a: T, b: T) => boolean): T =>
  useStoreWithEqualityFn(useEditor().run, selector, eq)
export const useUi = <T,>(selector: (s: UiState) => T): T => useStore(useEditor().ui, selector)
/** Undo/redo availability, for toolbar buttons. */
export const useHistory = <T,>(selector: (s: History) => T): T => useStore(useEditor().graph.temporal, selector)
