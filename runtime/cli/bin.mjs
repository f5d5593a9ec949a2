#!/usr/bin/env node
// Starts the CLI from one bundled module, rebuilt whenever a source file (runtime/, ml/, nodes/, deploy/, the bundler itself) is newer. Loading
// ~150 TypeScript modules through tsx costs about half a second per process; the bundle
// starts in half the time, which matters to batch jobs and to a re-run served from the cache.
import { mkdir, readdir, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleModule } from './bundle.mjs'
import { runBundle } from './code-cache.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bundle = join(root, 'node_modules', '.cache', 'mlcanvas-cli', 'main.mjs')

async function newestSource(dir) {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, await newestSource(path))
    else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs)
  }
  return newest
}

async function isStale() {
  const built = await stat(bundle).then((s) => s.mtimeMs, () => 0)
  if (!built) return true
  const sources = Math.max(
    await newestSource(join(root, 'runtime')),
    await newestSource(join(root, 'ml')),
    await newestSource(join(root, 'nodes')),
    await newestSource(join(root, 'deploy')),
    (await stat(join(root, 'package-lock.json'))).mtimeMs,
  )
  return sources > built
}

if (await isStale()) {
  await mkdir(dirname(bundle), { recursive: true })
  // Parallel first runs may both build: each writes its own file and renames it into place.
  // The pool's thread script goes first: a fresh main.mjs means its thread script is there too.
  for (const name of ['pool-thread', 'main']) {
    const out = join(dirname(bundle), `${name}.mjs`)
    const tmp = `${out}.${process.pid}.tmp.mjs`
    await bundleModule(join(root, 'runtime', 'cli', `${name}.ts`), tmp)
    await rename(tmp, out)
  }
}
// Pool threads run their bundle from a code cache too (runtime/cli/thread-pool.ts).
process.env.MLCANVAS_CODE_CACHE_MODULE = new URL('./code-cache.mjs', import.meta.url).href
await runBundle(bundle)
