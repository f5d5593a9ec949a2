import { ReactFlowProvider } from '@xyflow/react'
import { Canvas } from './components/Canvas'
import { Dialogs } from './components/Dialogs'
import { Inspector } from './components/Inspector'
import { Palette } from './components/Palette'
import { ResultsPanel } from './components/ResultsPanel'
import { Toasts } from './components/Toasts'
import { Toolbar } from './components/Toolbar'
import { useShortcuts } from './hooks/useShortcuts'
import { EditorProvider, useUi, type Editor } from './store'

function EngineGate() {
  const engine = useUi((s) => s.engine)
  const error = useUi((s) => s.engineError)
  if (engine === 'ready') return null
  return (
    <div className="engine-gate" role="status">
      {engine === 'starting' ? 'Starting the execution engine…' : `The execution engine failed to start: ${error}`}
    </div>
  )
}

/** The editor: toolbar, palette, canvas with results below, inspector. */
export function App({ editor }: { editor: Editor }) {
  return (
    <EditorProvider editor={editor}>
      <ReactFlowProvider>
        <Shell />
      </ReactFlowProvider>
    </EditorProvider>
  )
}

function Shell() {
  useShortcuts()
  return (
    <div className="app">
      <Toolbar />
      <div className="workspace">
        <Palette />
        <main className="center">
          <Canvas />
          <ResultsPanel />
        </main>
        <Inspector />
      </div>
      <EngineGate />
      <Dialogs />
      <Toasts />
    </div>
  )
}
