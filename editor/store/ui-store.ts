import { createStore } from 'zustand/vanilla'
import type { Diagnostic } from '../../runtime/validate/diagnostics'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import type { NodeProblem } from '../lib/param-problems'

export type DialogName = 'examples' | 'help' | 'cache' | 'share' | 'recent' | 'runs' | null

export interface Problems {
  title: string
  items: Pick<Diagnostic, 'path' | 'message'>[]
}

export interface Toast {
  id: number
  text: string
  tone: 'info' | 'error'
}

export interface UiState {
  /** 'starting' until the worker started its backend; 'failed' keeps the message. */
  engine: 'starting' | 'ready' | 'failed'
  engineError?: string
  backend: string
  backendsAvailable: string[]
  /** Nodes the engine runs at once (its worker plus pool workers; see engine/workers.ts). */
  workers: number
  /** False while the engine starts the workers of the last choice. */
  workersReady: boolean
  /** The `pipeline bridge` the engine sends queue-able nodes to ('' : every node runs here), and what it last said. */
  remoteQueue: { url: string; status: string }
  descriptors: Map<string, NodeDescriptor>
  /** Graph diagnostics by node id (from engine.validate), shown on nodes and in the inspector. */
  diagnostics: Map<string, NodeProblem[]>
  dialog: DialogName
  /** Names of the files uploaded to the engine (a `file` param naming another one needs it). */
  files: string[]
  /** The last share link made, shown in the share dialog. */
  shareUrl: string
  problems: Problems | null
  toasts: Toast[]
  /** Bumped to ask the canvas to fit the view (after a load or a layout). */
  fitSeq: number
  requestFit(): void
  setDescriptors(list: NodeDescriptor[]): void
  openDialog(d: DialogName): void
  showProblems(p: Problems | null): void
  toast(text: string, tone?: Toast['tone']): void
  dismissToast(id: number): void
}

let nextToast = 1

/** Builds the store of app-level UI state (engine status, dialogs, messages). */
export function createUiStore() {
  return createStore<UiState>()((set, get) => ({
    engine: 'starting',
    backend: '…',
    backendsAvailable: [],
    workers: 1,
    workersReady: true,
    remoteQueue: { url: '', status: '' },
    descriptors: new Map(),
    diagnostics: new Map(),
    dialog: null,
    files: [],
    shareUrl: '',
    problems: null,
    toasts: [],
    fitSeq: 0,
    requestFit: () => set({ fitSeq: get().fitSeq + 1 }),
    setDescriptors: (list) => set({ descriptors: new Map(list.map((d) => [d.type, d])) }),
    openDialog: (dialog) => set({ dialog }),
    showProblems: (problems) => set({ problems }),
    toast: (text, tone = 'info') => {
      const id = nextToast++
      set({ toasts: [...get().toasts.slice(-3), { id, text, tone }] })
      setTimeout(() => get().dismissToast(id), tone === 'error' ? 7000 : 3500)
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  }))
}

export type UiStore = ReturnType<typeof createUiStore>
