import { readFileSync, renameSync } from 'node:fs'
import { createRequire, isBuiltin } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { ON_USE, setupOnUse } from './bundle-on-use.mjs'

/** The name the bundle's banner gives its CommonJS `require`. */
export const REQUIRE_NAME = '__mlcanvasRequire'

/** What `import.meta.url` becomes in the bundle (esbuild's `define`), so that code-cache.mjs can run it as a script. */
export const URL_NAME = '__mlcanvasBundleUrl'

/**
 * Prepended to a bundle that uses the plugin: a `require` that resolves from the bundle's own folder,
 * and the bundle's URL. With them, the bundle runs as an ES module (`node main.mjs`) and, this banner
 * cut off, as the body of an async function taking both (code-cache.mjs).
 */
export const REQUIRE_BANNER = `import { createRequire as __mlcanvasCreateRequire } from 'node:module';\nconst ${REQUIRE_NAME} = __mlcanvasCreateRequire(import.meta.url), ${URL_NAME} = import.meta.url;\n`

/**
 * Packages loaded from node_modules at run time instead of being bundled. tfjs is one engine that
 * tfjs-layers and the backends register into (a bundled copy would be a second one), and the wasm
 * backend reads its .wasm files from its own folder. tfjs-core and tfjs-layers (ON_USE), imported for
 * their names, are required when the bundle first reads one (bundle-on-use.mjs); a backend is imported for
 * what loading it does, so it is required where it is imported (SHARED), as are fastify and prom-client,
 * which serve models and the bridge (their commands import them on demand) and would add ≈ 1.3 MB to
 * the bundle every command parses.
 */
const SHARED = /^(@tensorflow\/|fastify$|prom-client$)/

/** Whether the file Node's `require` picks for a package is CommonJS (.cjs, or .js under a package that is not "type": "module"). */
function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true
  if (!file.endsWith('.js')) return false
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module'
    } catch (e) {
      if (e.code !== 'ENOENT') throw e
    }
    if (dirname(dir) === dir) return false
  }
}

/**
 * An ES module standing for a CommonJS package: its default export is `module.exports` and its named
 * exports are module.exports' own names as they are at build time, as Node's own import gives them.
 * One module object for the bundle: esbuild's CommonJS interop would copy every one of tfjs-core's
 * ≈ 1 300 exports again at each module that imports it.
 */
function reExport(specifier, file) {
  const loaded = isBuiltin(specifier) ? createRequire(import.meta.url)(specifier) : createRequire(file)(file)
  const names = Object.keys(loaded).filter((name) => name !== 'default' && name !== '__esModule')
  const lines = [`const m = ${REQUIRE_NAME}(${JSON.stringify(specifier)})`, 'export default m']
  names.forEach((name, i) => lines.push(`const x${i} = m[${JSON.stringify(name)}]`, `export { x${i} as ${JSON.stringify(name)} }`))
  return lines.join('\n')
}

/** The file `require` would load for a package imported from `resolveDir`, or undefined when it has no CommonJS entry. */
function requireTarget(specifier, resolveDir) {
  try {
    const file = createRequire(join(resolveDir, 'x.js')).resolve(specifier)
    return isCommonJs(file) ? file : undefined
  } catch {
    return undefined
  }
}

/**
 * Bundles an ES-only package imported on demand (`import('hyparquet')`) as a CommonJS file of its own beside
 * the bundle, which the bundle `require`s when the import runs. Bundled in, its code was part of every
 * start-up snapshot (hyparquet and its codecs: ≈ 0.3 MB of source, ≈ 260 closures) though only a node that
 * reads a Parquet file needs it. The file is written by rename: parallel first starts each write a whole one.
 */
async function bundleApart(build, entry, outfile) {
  const tmp = `${outfile}.${process.pid}.tmp`
  await build({ entryPoints: [entry], outfile: tmp, bundle: true, platform: 'node', format: 'cjs', target: 'node20', charset: 'ascii', mainFields: ['module', 'main'], logLevel: 'error' })
  renameSync(tmp, outfile)
}

/**
 * The stand-in for an ES module bundled apart (bundleApart): the names of its namespace, read from the
 * CommonJS file when the import runs. Its default export is the module's own `default`, not the whole file
 * as esbuild's interop for CommonJS would give (env-paths: `const { default: envPaths } = await import(…)`).
 */
function reExportApart(file) {
  const loaded = createRequire(file)(file)
  const names = Object.keys(loaded).filter((name) => name !== 'default' && name !== '__esModule')
  const lines = [`const m = ${REQUIRE_NAME}(${JSON.stringify(`./${basename(file)}`)})`]
  if (Object.hasOwn(loaded, 'default')) lines.push('export default m.default')
  names.forEach((name, i) => lines.push(`const x${i} = m[${JSON.stringify(name)}]`, `export { x${i} as ${JSON.stringify(name)} }`))
  return lines.join('\n')
}

/**
 * esbuild plugin deciding how each package reaches the bundle, for start-up time:
 * - imported statically (zod, papaparse, ml-matrix, hash-wasm, …): bundled in. Node then reads, resolves
 *   and compiles one file; loading zod alone from node_modules cost ≈ 0.1 s of CPU (it requires ≈ 80 files).
 * - tfjs: loaded with `require`, tfjs-core and tfjs-layers when the bundle first reads one of their names
 *   (ON_USE, bundle-on-use.mjs). Importing CommonJS from an ES module makes Node lex its source for export names
 *   and sniff its format: ≈ 0.65 s of CPU for tfjs-core + backends + layers, vs ≈ 0.14 s.
 * - the tfjs backends, fastify and prom-client (SHARED): loaded with `require` when the module importing
 *   them is evaluated.
 * - imported on demand (`import()`: sql.js, bullmq, the AWS SDK, fastify): left out and loaded by `require`
 *   when the import runs; an ES-only one (hyparquet) is bundled apart into a CommonJS file beside the
 *   bundle (bundleApart), required when the import runs.
 * - Node's own modules: `require`d too, so that the bundle has no `import` statement left and can run
 *   as a script from a V8 code cache (code-cache.mjs).
 */
export const bundlePackages = {
  name: 'bundle-packages',
  setup(build) {
    setupOnUse(build, REQUIRE_NAME)
    // zod's namespaces re-export its ≈ 60 locales (≈ 0.5 MB of source that every start-up snapshot kept);
    // its messages are English (schemas.js imports en.js itself), and the code never reads `z.locales`.
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)}`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }))
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'default') return undefined
      if (isBuiltin(args.path)) return { path: args.path, namespace: 'require-shared' }
      const file = requireTarget(args.path, args.resolveDir)
      if (args.kind === 'dynamic-import' && file) return { path: args.path, namespace: 'require-lazily' }
      if (args.kind === 'dynamic-import') {
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'default' })
        if (resolved.errors.length) return resolved
        return { path: args.path, namespace: 'bundle-apart', pluginData: { entry: resolved.path } }
      }
      if (ON_USE.test(args.path) && file) return { path: args.path, namespace: 'on-use' }
      if (SHARED.test(args.path) && file) return { path: args.path, namespace: 'require-shared', pluginData: { file } }
      if (SHARED.test(args.path)) throw new Error(`${args.path} has no CommonJS entry to require.`)
      // Bundled in.
      return build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'default' })
    })
    build.onLoad({ filter: /.*/, namespace: 'require-shared' }, (args) => ({ contents: reExport(args.path, args.pluginData?.file), loader: 'js' }))
    // Not loaded here to list its names: a package imported only on demand can be heavy.
    build.onLoad({ filter: /.*/, namespace: 'require-lazily' }, (args) => ({
      contents: `module.exports = ${REQUIRE_NAME}(${JSON.stringify(args.path)})`,
      loader: 'js',
    }))
    build.onLoad({ filter: /.*/, namespace: 'bundle-apart' }, async (args) => {
      const name = `on-demand-${args.path.replace(/[^\w.-]/g, '_')}.cjs`
      const { build: esbuild } = await import('esbuild')
      const file = join(dirname(build.initialOptions.outfile), name)
      await bundleApart(esbuild, args.pluginData.entry, file)
      return { contents: reExportApart(file), loader: 'js' }
    })
  },
}
