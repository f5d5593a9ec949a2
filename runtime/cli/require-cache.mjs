import { statSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import vm from 'node:vm'
import { flagsSuffix, readCache, writeCache } from './v8-cache-file.mjs'

const NODE_MODULES = `${sep}node_modules${sep}`

/** Which source file (by its size and modification time) and which Node a stored cache was made for. */
function cacheKey(file) {
  const s = statSync(file, { bigint: true })
  return Buffer.from(`mlcanvas-require-v8cache ${process.version} ${process.arch} ${s.size} ${s.mtimeNs}\n`)
}

/** `node_modules/@tensorflow/tfjs-core/dist/x.js` → `@tensorflow+tfjs-core+dist+x.js.v8cache` (nested node_modules stay in the name). */
function cacheName(file) {
  return `${file.slice(file.indexOf(NODE_MODULES) + NODE_MODULES.length).replaceAll(sep, '+')}.v8cache`
}

/** The folder beside a bundle that holds its packages' code caches for this process's V8 flags (flagsSuffix). */
export const requireCacheDir = (bundleDir) => join(bundleDir, `require-cache${flagsSuffix()}`)

/**
 * A V8 code cache for the CommonJS files this thread `require`s from node_modules (tfjs-core, its backends
 * and tfjs-layers: ≈ 3.5 MB of source that every CLI process and every pool thread compiled again, ≈ 50 ms
 * of CPU each; Node 20 has no compile cache of its own). Installs a hook on Node's CommonJS loader that
 * compiles such a file from `<dir>/<its path>.v8cache` when that was made for the same file (size and
 * modification time) and Node; `write()` stores a cache for each file compiled without one, best called once
 * the work is done, so that the cache holds the functions that ran, not only the top level. Other files
 * (the app's own, outside node_modules) load as before. Returns how many files came from the cache so far.
 */
export function cacheRequires(dir) {
  const fresh = []
  let cached = 0
  const compile = Module.prototype._compile
  Module.prototype._compile = function (content, filename) {
    if (!filename.includes(NODE_MODULES)) return compile.call(this, content, filename)
    const file = join(dir, cacheName(filename))
    const key = cacheKey(filename)
    const stored = readCache(file, key)
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData: stored,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    })
    if (stored === undefined || script.cachedDataRejected) fresh.push({ file, key, script })
    else cached += 1
    const wrapper = script.runInThisContext({ displayErrors: true })
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename))
  }
  return {
    get cached() {
      return cached
    },
    /** Writes the caches not written yet; returns how many it wrote. */
    write() {
      const written = fresh.filter(({ file, key, script }) => writeCache(file, key, script.createCachedData())).length
      fresh.length = 0
      return written
    },
  }
}
