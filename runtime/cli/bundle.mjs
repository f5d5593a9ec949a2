import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { bundlePackages, REQUIRE_BANNER, URL_NAME } from './bundle-packages.mjs'

/**
 * Bundles a TypeScript entry into one ES module for Node: the packages it imports statically are bundled
 * in, tfjs (when first used) and what it imports on demand load from node_modules (bundle-packages.mjs). Past its banner
 * the module has no import or export statement, so code-cache.mjs can also run it as a script.
 * Resolves with the source files bundled in, outside node_modules (absolute paths).
 */
export async function bundleModule(entry, outfile) {
  const { build } = await import('esbuild')
  const { metafile } = await build({
    metafile: true,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    charset: 'ascii',
    banner: { js: REQUIRE_BANNER },
    define: { 'import.meta.url': URL_NAME },
    // A package's ES build where it has one (hash-wasm: its UMD build carried every algorithm's wasm, ≈ 0.27 MB
    // of source each start-up snapshot kept; its ES build lets esbuild keep only the hashes used).
    mainFields: ['module', 'main'],
    plugins: [bundlePackages],
    logLevel: 'error',
  })
  const text = await readFile(outfile, 'utf8')
  // esbuild escapes every non-ASCII character of the code but keeps some comments as written; without
  // them the file is ASCII, which code-cache.mjs reads as latin1: ≈ 1 ms where utf8 takes ≈ 10 ms.
  if (/[^\x00-\x7f]/.test(text)) await writeFile(outfile, text.replace(/[^\x00-\x7f]/g, '?'))
  const body = text.slice(REQUIRE_BANNER.length)
  const statement = /^(import|export)\b[^(].*$/m.exec(body)
  if (statement) throw new Error(`${outfile} keeps a module statement that code-cache.mjs cannot run: ${statement[0].slice(0, 120)}`)
  // Packages change with the package lock, which the launcher checks anyway.
  return Object.keys(metafile.inputs)
    .filter((input) => !/^[\w-]+:/.test(input) && !input.split(/[\\/]/).includes('node_modules'))
    .map((input) => resolve(input))
}
