import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { debuglog } from 'node:util'
import { startupSnapshot } from 'node:v8'
import { restartKeyHasher } from '../keys/hash'
import { cacheRequires, requireCacheDir } from './require-cache.mjs'
import { snapshotCurrent, snapshotRoot } from './snapshot-current'
import { warmUp } from './snapshot-warm-up'

type Main = (argv: string[]) => Promise<number>

/** How the launcher (runtime/cli/pipeline) names the node it starts, for bin.mjs to build a snapshot for it. */
export const LAUNCHER_NODE = 'MLCANVAS_LAUNCHER_NODE'

/** Whether this process is Node's snapshot builder running the CLI bundle (snapshot.mjs) rather than a command. */
export const buildingSnapshot = (): boolean => startupSnapshot.isBuildingSnapshot()

/**
 * Makes `main` what a process started from the snapshot runs, with the command line after Node's own
 * flags. What the bundle's top level made at build time is reused; what it could not make there is made
 * again first: the key hasher (no WebAssembly in the builder), the pool threads' code-cache module.
 * A snapshot of a bundle that its sources no longer make (a source edited since), or one moved to another
 * checkout, runs the command through bin.mjs instead, which builds both again.
 */
export async function startFromSnapshot(main: Main, bundleUrl: string): Promise<void> {
  const bundle = fileURLToPath(bundleUrl)
  const root = resolve(dirname(bundle), '..', '..', '..')
  await warmUp(main, root, dirname(bundle))
  // Made here: a snapshot that starts runs in this checkout (snapshotCurrent), and the URL is the same then.
  const codeCacheModule = pathToFileURL(join(root, 'runtime', 'cli', 'code-cache.mjs')).href
  startupSnapshot.setDeserializeMainFunction(() => {
    void start(main, bundle, codeCacheModule).then((code) => (process.exitCode = code))
  })
}

async function start(main: Main, bundle: string, codeCacheModule: string): Promise<number> {
  const node = process.env[LAUNCHER_NODE] ?? process.execPath
  delete process.env[LAUNCHER_NODE]
  const root = snapshotRoot()
  // NODE_DEBUG=mlcanvas shows which way a process started (the launcher's tests count them).
  const log = debuglog('mlcanvas')
  if (!snapshotCurrent(bundle)) {
    log('start: the snapshot is stale or was moved; running through bin.mjs')
    return viaBin(root, node)
  }
  log('start: from the snapshot')
  await restartKeyHasher()
  // bin.mjs names it on the normal path (runtime/cli/thread-pool.ts).
  process.env.MLCANVAS_CODE_CACHE_MODULE = codeCacheModule
  // tfjs' packages from their code caches, as runBundle (code-cache.mjs) does on the normal path: ≈ 30 ms of CPU less in a run that trains.
  const requires = cacheRequires(requireCacheDir(dirname(bundle)))
  try {
    return await main(process.argv.slice(1))
  } finally {
    log('packages required from their code cache: %d', requires.cached)
    requires.write()
  }
}

/** The command run by bin.mjs in a child process, asked to build the snapshot for `node`; Ctrl-C and SIGTERM go on to it. */
function viaBin(root: string, node: string): Promise<number> {
  const child = spawn(process.execPath, [join(root, 'runtime', 'cli', 'bin.mjs'), ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [LAUNCHER_NODE]: node },
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)))
  })
}
