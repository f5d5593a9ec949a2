import '@xyflow/react/dist/style.css'
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connectWorker } from './engine/engine'
import { startEditor } from './engine/start'

createRoot(document.getElementById('root')!).render(<App />)
void startEditor(connectWorker)
