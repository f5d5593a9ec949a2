import { REQUIRE_BANNER, requireCommonJs } from './require-cjs.mjs'

/**
 * Bundles a TypeScript entry into one ES module for Node. Packages stay external (their wasm files
 * resolve from their own folders); CommonJS ones are loaded with `require` (require-cjs.mjs).
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
    plugins: [requireCommonJs],
    logLevel: 'error',
  })
}
