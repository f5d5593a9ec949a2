#!/usr/bin/env node
// Starts the CLI from one bundled module, rebuilt whenever a source it was built from (or the bundler, or the
// package lock) is newer. Loading ~150 TypeScript modules through tsx costs about half a second per process;
// the bundle starts in a fraction of that, which matters to batch jobs and to a re-run served from the cache.
import { mkdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isStale, writeSources } from './bundle-sources.mjs'
import { runBundle } from './code-cache.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const bundle = join(root, 'node_modules', '.cache', 'mlcanvas-cli', 'main.mjs')
const always = ['package-lock.json', 'runtime/cli/bundle.mjs', 'runtime/cli/bundle-packages.mjs', 'runtime/cli/bundle-on-use.mjs'].map((file) => join(root, file))

if (isStale(bundle, always)) {
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
// Pool threads run their bundle from a code cache too (runtime/cli/thread-pool.ts).
process.env.MLCANVAS_CODE_CACHE_MODULE = new URL('./code-cache.mjs', import.meta.url).href
await runBundle(bundle)
