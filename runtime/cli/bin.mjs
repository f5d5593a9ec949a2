#!/usr/bin/env node
// Starts the CLI from one bundled module, rebuilt whenever a source it was built from (or the bundler, or the
// package lock) is newer. Loading ~150 TypeScript modules through tsx costs about half a second per process;
// the bundle starts in a fraction of that, which matters to batch jobs and to a re-run served from the cache.
// Users start the launcher, runtime/cli/pipeline, which comes here when it finds no fresh start-up snapshot.
import { mkdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { debuglog } from 'node:util'
import { alwaysFiles, isStale, writeSources } from './bundle-sources.mjs'
import { runBundle } from './code-cache.mjs'
import { snapshotSettled } from './snapshot.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const bundle = join(root, 'node_modules', '.cache', 'mlcanvas-cli', 'main.mjs')

// NODE_DEBUG=mlcanvas shows which way a process started (the launcher's tests count them).
const log = debuglog('mlcanvas')

if (isStale(bundle, alwaysFiles(root))) {
  // Only a build needs esbuild.
  const { bundleModule } = await import('./bundle.mjs')
  mkdirSync(dirname(bundle), { recursive: true })
  // Parallel first runs may both build: each writes its own files and renames them into place.
  // The pool's thread script and the list of sources go first: a fresh main.mjs means both are there too.
  const sources = []
  for (const name of ['pool-thread', 'main']) {
    const out = join(dirname(bundle), `${name}.mjs`)
    const tmp = `${out}.${process.pid}.tmp.mjs`
    sources.push(...(await bundleModule(join(root, 'runtime', 'cli', `${name}.ts`), tmp)))
    if (name === 'main') writeSources(bundle, sources)
    renameSync(tmp, out)
  }
}
// The launcher (runtime/cli/pipeline) starts the CLI here when it found no fresh start-up snapshot, and
// names its node: the snapshot is built for the next start (≈ 1 s), then this command runs as before.
const launcherNode = process.env.MLCANVAS_LAUNCHER_NODE
delete process.env.MLCANVAS_LAUNCHER_NODE
if (launcherNode && !snapshotSettled(bundle, launcherNode)) {
  const { buildSnapshot } = await import('./snapshot.mjs')
  const { reason } = await buildSnapshot(bundle, launcherNode)
  if (reason) console.error(`warning: the CLI starts without a start-up snapshot: ${reason}`)
  else log('start: built the snapshot')
}
log('start: from the bundle')
// Pool threads run their bundle from a code cache too (runtime/cli/thread-pool.ts).
process.env.MLCANVAS_CODE_CACHE_MODULE = new URL('./code-cache.mjs', import.meta.url).href
await runBundle(bundle)
