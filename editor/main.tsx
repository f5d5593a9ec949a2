import '../runtime/no-eval'
import '@xyflow/react/dist/style.css'
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connectWorker } from './engine/engine'
import { startEditor } from './engine/start'
import { createEditor } from './store/editor'

const editor = createEditor()

/** A worker that dies mid-session stops every run; the autosaved graph is kept. */
function onEngineCrash(message: string) {
  editor.run.getState().crash(message)
  editor.ui.setState({ engine: 'failed', engineError: `${message} Reload the page to restart it; your graph is saved.` })
}

createRoot(document.getElementById('root')!).render(<App editor={editor} />)
void startEditor(editor, () => connectWorker(onEngineCrash), { storage: localStorage, cores: navigator.hardwareConcurrency })
