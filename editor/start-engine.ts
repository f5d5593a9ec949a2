import { startEngineEarly } from '../runtime/worker/engine-client'

// The page's entry, a few KB: the execution worker starts loading before the editor's own bundle
// (≈ 1 MB) is fetched and compiled, so the two load side by side; main.tsx's createEngine takes it.
startEngineEarly()
void import('./main')
