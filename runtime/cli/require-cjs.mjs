import { readFileSync } from 'node:fs'
import { createRequire, isBuiltin } from 'node:module'
import { dirname, join } from 'node:path'

/** The name the bundle's banner gives its CommonJS `require`. */
export const REQUIRE_NAME = '__mlcanvasRequire'

/** Prepended to a bundle that uses the plugin: a `require` that resolves from the bundle's own folder. */
export const REQUIRE_BANNER = `import { createRequire as __mlcanvasCreateRequire } from 'node:module';\nconst ${REQUIRE_NAME} = __mlcanvasCreateRequire(import.meta.url);`

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
  const names = Object.keys(createRequire(file)(file)).filter((name) => name !== 'default' && name !== '__esModule')
  const lines = [`const m = ${REQUIRE_NAME}(${JSON.stringify(specifier)})`, 'export default m']
  names.forEach((name, i) => lines.push(`const x${i} = m[${JSON.stringify(name)}]`, `export { x${i} as ${JSON.stringify(name)} }`))
  return lines.join('\n')
}

/**
 * esbuild plugin: a package whose Node entry is CommonJS (tfjs, papaparse, ml-matrix, hash-wasm, …) is
 * loaded with `require` instead of `import`. Importing CommonJS from an ES module makes Node scan its
 * source for export names (cjs-module-lexer) and sniff its format first: about five times the CPU of a
 * plain `require` for tfjs (≈ 0.65 s vs 0.14 s here). ES-only packages stay `import`s; a dynamic
 * `import()` stays lazy (esbuild turns it into a `require` when it runs).
 */
export const requireCommonJs = {
  name: 'require-commonjs',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return undefined
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return { path: args.path, external: true }
      let file
      try {
        file = createRequire(join(args.resolveDir, 'x.js')).resolve(args.path)
      } catch {
        return { path: args.path, external: true }
      }
      if (!isCommonJs(file)) return { path: args.path, external: true }
      return { path: args.path, namespace: args.kind === 'dynamic-import' ? 'require-lazily' : 'require-commonjs', pluginData: { file } }
    })
    build.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({ contents: reExport(args.path, args.pluginData.file), loader: 'js' }))
    // Not loaded here to list its names: a package imported only on demand (sql.js, bullmq, the AWS SDK) can be heavy.
    build.onLoad({ filter: /.*/, namespace: 'require-lazily' }, (args) => ({
      contents: `module.exports = ${REQUIRE_NAME}(${JSON.stringify(args.path)})`,
      loader: 'js',
    }))
  },
}
