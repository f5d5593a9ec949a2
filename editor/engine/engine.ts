import type { RunEvent, RunReport } from '../../runtime/exec/events'
import type { EngineApi, RunRequest } from '../../runtime/worker/engine-api'
import { createEngine, putFileInWorker, runInWorker } from '../../runtime/worker/engine-client'

/** The engine as the editor uses it: EngineApi with a plain callback for run events. */
export type Engine = Omit<EngineApi, 'run'> & {
  run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunReport>
}

/**
 * Starts the execution worker. Its loading starts in this call, before the first await: the
 * worker's modules load while the page goes on (a share link is decoded meanwhile).
 */
export async function connectWorker(onCrash: (message: string) => void): Promise<Engine> {
  const remote = await createEngine(onCrash)
  return {
    init: (o) => remote.init(o),
    describe: () => remote.describe(),
    validate: (d) => remote.validate(d),
    open: (d) => remote.open(d),
    keys: (d) => remote.keys(d),
    peek: (d) => remote.peek(d),
    run: (req, onEvent) => runInWorker(remote, req, onEvent),
    cancel: () => remote.cancel(),
    setWorkers: (n) => remote.setWorkers(n),
    setRemote: (a) => remote.setRemote(a),
    remoteHealth: () => remote.remoteHealth(),
    preview: (d, id, port, o) => remote.preview(d, id, port, o),
    liveScore: (d, id, port, rows) => remote.liveScore(d, id, port, rows),
    bundleArchive: (d, id, port) => remote.bundleArchive(d, id, port),
    putFile: (name, bytes) => putFileInWorker(remote, name, bytes),
    listFiles: () => remote.listFiles(),
    cacheStats: () => remote.cacheStats(),
    clearCache: () => remote.clearCache(),
  }
}
