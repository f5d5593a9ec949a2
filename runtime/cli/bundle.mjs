import { readFile } from 'node:fs/promises'
import { bundlePackages, REQUIRE_BANNER, URL_NAME } from './bundle-packages.mjs'

/**
 * Bundles a TypeScript entry into one ES module for Node: the packages it imports statically are bundled
 * in, tfjs and what it imports on demand load from node_modules (bundle-packages.mjs). Past its banner
 * the module has no import or export statement, so code-cache.mjs can also run it as a script.
 */
export async function bundleModule(entry, outfile) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    define: { 'import.meta.url': URL_NAME },
    plugins: [bundlePackages],
    logLevel: 'error',
  })
  const body = (await readFile(outfile, 'utf8')).slice(REQUIRE_BANNER.length)
  const statement = /^(import|export)\b[^(].*$/m.exec(body)
  if (statement) throw new Error(`${outfile} keeps a module statement that code-cache.mjs cannot run: ${statement[0].slice(0, 120)}`)
}
