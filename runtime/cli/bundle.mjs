import { bundlePackages, REQUIRE_BANNER } from './bundle-packages.mjs'

/**
 * Bundles a TypeScript entry into one ES module for Node: the packages it imports statically are bundled
 * in, tfjs and what it imports on demand load from node_modules (bundle-packages.mjs).
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
    plugins: [bundlePackages],
    logLevel: 'error',
  })
}
