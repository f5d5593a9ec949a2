import { isAscii } from 'node:buffer'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'
import { REQUIRE_BANNER, REQUIRE_NAME, URL_NAME } from './bundle-packages.mjs'
import { cacheRequires, requireCacheDir } from './require-cache.mjs'
import { flagsSuffix, readCache, writeCache } from './v8-cache-file.mjs'

/**
 * Which bundle file and Node a cache was made for. bundle.mjs writes every build to a new file renamed
 * into place, so a rebuilt bundle has another inode or modification time (V8 itself only checks the
 * source's length). Not a hash of the content: node:crypto alone costs ≈ 10 ms of start-up.
 */
function cacheKey(file) {
  const s = statSync(file, { bigint: true })
  return Buffer.from(`mlcanvas-v8cache ${process.version} ${process.arch} ${s.ino} ${s.size} ${s.mtimeNs}\n`)
}

/**
 * A bundle made by bundle.mjs as the source of an async function taking its `require` and URL (the
 * banner's two names), checked to be such a bundle. The banner is two lines and the function's own
 * first line is one: with one more line before it, the body keeps the line numbers of the file.
 */
export function bundleFunction(file) {
  // bundle.mjs writes ASCII only, which latin1 decodes as utf8 would, ≈ 10× faster.
  const bytes = readFileSync(file)
  const source = bytes.toString('latin1')
  if (!source.startsWith(REQUIRE_BANNER) || !isAscii(bytes)) throw new Error(`${file} was not built by runtime/cli/bundle.mjs.`)
  return `(async function (${REQUIRE_NAME}, ${URL_NAME}) {"use strict";\n${source.slice(REQUIRE_BANNER.length)}\n})`
}

/**
 * Runs a bundle made by bundle.mjs as a script compiled from a V8 code cache kept next to it
 * (`<bundle>.v8cache`, or `<bundle>.<flags>.v8cache` under V8 flags: flagsSuffix), instead of as an ES module that Node compiles again in every process (Node 20
 * has no compile cache of its own). The cache is keyed by the bundle file (cacheKey) and Node's version
 * and architecture: another bundle or Node compiles from source, and writes a new cache once the
 * bundle's top level has finished, so that it holds the functions that run compiled, not only the top
 * level. Resolves then, with whether the stored code was used and whether a cache was written.
 */
export async function runBundle(file) {
  const key = cacheKey(file)
  const cacheFile = `${file}${flagsSuffix()}.v8cache`
  const stored = readCache(cacheFile, key)
  const script = new vm.Script(bundleFunction(file), {
    filename: file,
    lineOffset: 1,
    cachedData: stored,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  const cached = stored !== undefined && !script.cachedDataRejected
  // The packages the bundle requires (tfjs) get a code cache of their own, written when the bundle's work is done.
  const requires = cacheRequires(requireCacheDir(dirname(file)))
  await script.runInThisContext()(createRequire(file), pathToFileURL(file).href)
  requires.write()
  return { cached, wrote: !cached && writeCache(cacheFile, key, script.createCachedData()) }
}
