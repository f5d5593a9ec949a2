// Starts a TypeScript worker-thread entry through tsx: `execArgv: ['--import', 'tsx']` does not
// reach worker threads on Node 20. Only used when the CLI runs from its sources (the bundle has
// its own pool-thread.mjs).
import { tsImport } from 'tsx/esm/api'

await tsImport(process.argv[2], import.meta.url)
